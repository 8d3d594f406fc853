/**
 * The one transport abstraction of annex-p2p: a {@link org.annexp2p.transports.Connection} is a blocking,
 * backpressured byte stream, obtained from a {@link org.annexp2p.transports.Dialer} or a
 * {@link org.annexp2p.transports.Listener}; {@link org.annexp2p.transports.ConnectionServer} serves any
 * listener with a connection cap and graceful shutdown.
 *
 * <p>Implementations: {@code memory} (in-VM, with fault injection), {@code tcp} (Netty), {@code stdio}
 * (our own stdin/stdout, or a spawned command); the Tor module adds its own. Every one of them passes the
 * shared {@code TransportContract} test suite (published in this module's test-jar). The {@code datagram}
 * package is the separate, unreliable side used by LAN discovery. Nothing here knows the P2P protocol.
 */
package org.annexp2p.transports;
