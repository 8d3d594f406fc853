package org.annexp2p.transports;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * The peers that per-address limits count as one: an IPv4 address, or an IPv6 {@code /64} — one host is commonly
 * given a whole {@code /64}, so counting single IPv6 addresses would let it appear as billions of peers. A
 * link-local IPv6 address counts alone (everyone on the link shares {@code fe80::/64}).
 *
 * <p>Loopback and unknown addresses form no group. Everything a local forwarder relays (tor to an onion's port,
 * an ssh tunnel) arrives from 127.0.0.1, so limiting it per address would let one peer behind the forwarder lock
 * out all the others; such peers are bounded by the server's overall limits only.
 *
 * @param label how logs show the group, e.g. {@code 203.0.113.7} or {@code 2001:db8:0:1::/64}
 */
record AddressGroup(String label) {

    static Optional<AddressGroup> of(Optional<InetAddress> address) {
        return address.map(AddressGroup::unmapped).filter(a -> !a.isLoopbackAddress() && !a.isAnyLocalAddress())
                .map(AddressGroup::of);
    }

    private static AddressGroup of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (!(address instanceof Inet6Address) || address.isLinkLocalAddress()) {
            return new AddressGroup(address.getHostAddress().replaceFirst("%.*$", ""));
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return new AddressGroup(prefix.append(":/64").toString());
    }

    /** {@code ::ffff:a.b.c.d} (an IPv4 peer on a dual-stack socket) as the IPv4 address it is. */
    private static InetAddress unmapped(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean mapped = bytes.length == 16 && Arrays.equals(Arrays.copyOfRange(bytes, 0, 12),
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff});
        if (!mapped) {
            return address;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
