package org.annexp2p.web.transfers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.annexp2p.protocol.key.Key;

/**
 * Other processes' transfers as the page shows them, look after look: each with its rate and ETA measured from how
 * its transfer file grows (the size comes from the key), and those that were running at the previous look and are
 * gone, as ended.
 */
final class OtherTransferViews {
    /** What one look found. */
    record Look(List<TransferView> running, List<TransferView> ended) {
    }

    private final LongSupplier nanoClock;
    private Map<String, TransferView> before = Map.of();
    private final Map<String, TransferRate> rates = new HashMap<>();

    OtherTransferViews(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    synchronized Look look(Path annexDir) {
        long now = nanoClock.getAsLong();
        Map<String, TransferView> running = new HashMap<>();
        for (OtherTransfers.Seen seen : OtherTransfers.scan(annexDir)) {
            TransferRate rate = rates.computeIfAbsent(seen.id(), id -> new TransferRate());
            rate.sample(now, seen.bytes());
            long size = sizeOf(seen.key());
            TransferRate.Reading reading = rate.reading(now, size);
            running.put(seen.id(), new TransferView(seen.id(), "git-annex", seen.direction(), seen.key(), seen.file(), seen.peer(),
                    seen.bytes(), size, reading.rate(), reading.eta(), reading.stalled(), "running", ""));
        }
        List<TransferView> ended = new ArrayList<>();
        before.forEach((id, was) -> {
            if (!running.containsKey(id)) {
                ended.add(new TransferView(id, was.source(), was.direction(), was.key(), was.file(), was.peer(),
                        was.bytes(), was.size(), -1, -1, false, "ended", ""));
            }
        });
        rates.keySet().retainAll(running.keySet());
        before = running;
        return new Look(List.copyOf(running.values()), ended);
    }

    private static long sizeOf(String key) {
        return Key.parse(key).map(k -> k.size().getOrElse(-1L)).getOrElse(-1L);
    }
}
