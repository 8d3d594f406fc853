/**
 * This repository on git-annex's generic P2P networks: {@code p2p --enable NETNAME} asks the network's helper for
 * our addresses ({@link NetworkEnabling}), and {@code serve} listens on the unix socket git-annex would use for
 * each and keeps the helper running that carries peers to it ({@link NetworkServing}).
 */
package org.annexp2p.session.network;
