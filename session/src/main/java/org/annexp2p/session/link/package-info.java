/**
 * Linking to a peer as {@code p2p --link} and pairing do: authenticate once, then a git remote with the peer's
 * annex-uuid and its token in creds ({@link org.annexp2p.session.link.PeerLink}).
 */
package org.annexp2p.session.link;
