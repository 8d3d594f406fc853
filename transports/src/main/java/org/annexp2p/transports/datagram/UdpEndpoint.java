package org.annexp2p.transports.datagram;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A real UDP {@link DatagramEndpoint} on an NIO {@link DatagramChannel}.
 *
 * <p>Multicast is sent with TTL / hop limit 1 (it never leaves the link) and with loopback on (so two
 * processes on one host hear each other); {@code SO_REUSEADDR} is set so several processes can share a
 * discovery port. Receives wait on a selector with the caller's timeout, never indefinitely.
 */
public final class UdpEndpoint implements DatagramEndpoint {

    /** The largest UDP payload over IPv4 (65535 - 20 IP header - 8 UDP header). */
    public static final int MAX_PAYLOAD = 65_507;

    private final UdpOptions options;
    private final DatagramChannel channel;
    private final Selector selector;
    private final InetSocketAddress local;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(65_536);
    private final Map<InetAddress, MembershipKey> memberships = new HashMap<>();
    private volatile boolean closed;

    private UdpEndpoint(UdpOptions options, DatagramChannel channel, Selector selector) throws IOException {
        this.options = options;
        this.channel = channel;
        this.selector = selector;
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    public static UdpEndpoint open(UdpOptions options) throws IOException {
        DatagramChannel channel = DatagramChannel.open(options.family());
        Selector selector = null;
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, options.multicastInterface());
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            if (options.family() == StandardProtocolFamily.INET && !options.loopbackOnly()) {
                channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
            }
            channel.bind(options.bind());
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            return new UdpEndpoint(options, channel, selector);
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            throw new IOException("cannot open UDP endpoint on " + options.bind() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public void send(InetSocketAddress to, byte[] payload) throws IOException {
        if (payload.length > MAX_PAYLOAD) {
            throw new IOException("datagram of " + payload.length + " bytes exceeds the maximum of " + MAX_PAYLOAD + " bytes");
        }
        InetAddress target = to.getAddress();
        if (target == null) {
            throw new IOException("cannot send to unresolved address " + to.getHostString() + ": use a literal IP");
        }
        if (options.loopbackOnly() && !target.isLoopbackAddress() && !target.isMulticastAddress()) {
            throw new IOException("refusing to send to " + to + ": this endpoint is restricted to loopback");
        }
        if (options.family() == StandardProtocolFamily.INET && !(target instanceof Inet4Address)) {
            throw new IOException("an IPv4 endpoint cannot send to " + to);
        }
        try {
            int written = channel.send(ByteBuffer.wrap(payload), to);
            if (written == 0 && payload.length > 0) {
                // Non-blocking send found the socket buffer full; UDP may lose datagrams, so this is a loss.
                return;
            }
        } catch (ClosedChannelException e) {
            throw new IOException("UDP endpoint " + local + " is closed", e);
        } catch (IOException e) {
            throw new IOException("cannot send datagram to " + to + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<Datagram> receive(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (closed) {
                throw new IOException("UDP endpoint " + local + " is closed");
            }
            receiveBuffer.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) channel.receive(receiveBuffer);
            } catch (ClosedChannelException e) {
                throw new IOException("UDP endpoint " + local + " is closed", e);
            }
            if (from != null) {
                receiveBuffer.flip();
                byte[] bytes = new byte[receiveBuffer.remaining()];
                receiveBuffer.get(bytes);
                return Optional.of(new Datagram(from, bytes));
            }
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                return Optional.empty();
            }
            try {
                selector.select(remainingMillis);
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                throw new IOException("UDP endpoint " + local + " is closed", e);
            }
        }
    }

    @Override
    public void joinGroup(InetAddress group) throws IOException {
        requireGroup(group);
        synchronized (memberships) {
            if (memberships.containsKey(group)) {
                return;
            }
            try {
                memberships.put(group, channel.join(group, options.multicastInterface()));
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException("cannot join multicast group " + group.getHostAddress() + " on "
                        + options.multicastInterface().getName() + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void leaveGroup(InetAddress group) throws IOException {
        synchronized (memberships) {
            MembershipKey key = memberships.remove(group);
            if (key != null) {
                key.drop();
            }
        }
    }

    @Override
    public int maxPayloadSize() {
        return MAX_PAYLOAD;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        selector.wakeup();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a UDP socket has nothing to flush; a failure leaves nothing to recover.
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // As above.
        }
    }

    @Override
    public String toString() {
        return "udp endpoint " + local + " (multicast on " + options.multicastInterface().getName() + ")";
    }

    private static void requireGroup(InetAddress group) throws IOException {
        if (!group.isMulticastAddress()) {
            throw new IOException("not a multicast group address: " + group.getHostAddress());
        }
    }

}
