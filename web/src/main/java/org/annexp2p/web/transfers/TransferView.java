package org.annexp2p.web.transfers;

/**
 * One transfer as the page shows it. {@code source}: "page" (started here) or "git-annex" (another process);
 * {@code size}, {@code rate}, {@code eta} -1 when unknown; {@code stalled} when it stopped moving; {@code state}: running, done, failed, cancelled or ended.
 */
record TransferView(String id, String source, String direction, String key, String file, String peer, long bytes, long size,
        long rate, long eta, boolean stalled, String state, String words) {
}
