/** The P2P files under {@code .git/annex/creds/} (addresses, accepted tokens, per-peer tokens) and token generation. */
package org.annexp2p.repository.creds;
