/**
 * TCP on Netty's NIO event loop, adapted to blocking streams with backpressure both ways:
 * {@link org.annexp2p.transports.tcp.TcpTransport}, addresses as {@link org.annexp2p.transports.tcp.TcpAddress}
 * ({@code host:port}, {@code [v6]:port}), settings in {@link org.annexp2p.transports.tcp.TcpOptions}. The same
 * connections under TLS 1.3 with the server's key pinned: {@link org.annexp2p.transports.tcp.TlsTransport},
 * addresses as {@link org.annexp2p.transports.tcp.TlsAddress} ({@code tls://host:port/pin}).
 */
package org.annexp2p.transports.tcp;
