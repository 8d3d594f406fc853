/**
 * TCP on Netty's NIO event loop, adapted to blocking streams with backpressure both ways:
 * {@link org.annexp2p.transports.tcp.TcpTransport}, addresses as {@link org.annexp2p.transports.tcp.TcpAddress}
 * ({@code host:port}, {@code [v6]:port}), settings in {@link org.annexp2p.transports.tcp.TcpOptions}.
 */
package org.annexp2p.transports.tcp;
