package org.annexp2p.transports.datagram;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.util.Objects;

/**
 * How to open a {@link UdpEndpoint}.
 *
 * @param family IPv4 ({@code INET}) or IPv6 ({@code INET6}); one endpoint speaks one family
 * @param bind where to bind; use the wildcard address to receive multicast (Linux delivers a group's
 *     datagrams only to sockets bound to the wildcard or the group address)
 * @param multicastInterface the interface multicast is sent on and groups are joined on
 * @param loopbackOnly refuse to send anywhere but loopback addresses and multicast groups (which leave
 *     through {@code multicastInterface}); broadcast is refused too, because it follows the routing table
 *     rather than the chosen interface. Tests set this so they can never reach a real network.
 */
public record UdpOptions(StandardProtocolFamily family, InetSocketAddress bind, NetworkInterface multicastInterface, boolean loopbackOnly) {

    public UdpOptions {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(multicastInterface, "multicastInterface");
        if (family != StandardProtocolFamily.INET && family != StandardProtocolFamily.INET6) {
            throw new IllegalArgumentException("UDP needs INET or INET6, not " + family);
        }
        InetAddress address = bind.getAddress();
        if (address == null) {
            throw new IllegalArgumentException("bind address must be a literal IP: " + bind);
        }
        if (family == StandardProtocolFamily.INET && !(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("an IPv4 endpoint cannot bind " + bind);
        }
    }

    /** Wildcard bind on {@code port} (0 = any), multicast on the loopback interface, loopback-only sends. */
    public static UdpOptions loopback(StandardProtocolFamily family, int port) throws IOException {
        return new UdpOptions(family, new InetSocketAddress(wildcard(family), port), loopbackInterface(), true);
    }

    /** Wildcard bind on {@code port}, multicast on {@code networkInterface}: for real LAN discovery. */
    public static UdpOptions lan(StandardProtocolFamily family, int port, NetworkInterface networkInterface) {
        return new UdpOptions(family, new InetSocketAddress(wildcard(family), port), networkInterface, false);
    }

    static InetAddress wildcard(StandardProtocolFamily family) {
        try {
            return family == StandardProtocolFamily.INET6
                    ? Inet6Address.getByAddress(new byte[16])
                    : Inet4Address.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static NetworkInterface loopbackInterface() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(i -> {
                    try {
                        return i.isLoopback() && i.isUp();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .findFirst()
                .orElseThrow(() -> new SocketException("no loopback network interface is up"));
    }
}
