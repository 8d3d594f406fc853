/**
 * The files under {@code .git/annex/creds/}: git-annex's P2P files (addresses, accepted tokens, per-peer tokens),
 * annex-p2p's own keys and LAN pairings, all through {@link org.annexp2p.repository.creds.PrivateFile}; and token
 * generation.
 */
package org.annexp2p.repository.creds;
