package org.annexp2p.transports;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressGroupTest {

    private static Optional<AddressGroup> of(String address) throws Exception {
        return AddressGroup.of(Optional.of(InetAddress.getByName(address)));
    }

    @Test
    void anIpv4AddressIsItsOwnGroup() throws Exception {
        assertThat(of("203.0.113.7")).contains(new AddressGroup("203.0.113.7"));
        assertThat(of("203.0.113.8")).isNotEqualTo(of("203.0.113.7"));
    }

    @Test
    void anIpv6HostIsCountedByItsSlash64() throws Exception {
        assertThat(of("2001:db8:0:1::1")).contains(new AddressGroup("2001:db8:0:1::/64"));
        assertThat(of("2001:db8:0:1:ffff:ffff:ffff:ffff")).isEqualTo(of("2001:db8:0:1::1"));
        assertThat(of("2001:db8:0:2::1")).isNotEqualTo(of("2001:db8:0:1::1"));
    }

    @Test
    void linkLocalIpv6AddressesCountAlone() throws Exception {
        assertThat(of("fe80::1")).isNotEqualTo(of("fe80::2"));
    }

    @Test
    void anIpv4PeerOnADualStackSocketIsItsIpv4Address() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 203, 0, 113, 7};
        // Inet6Address.getByAddress keeps the mapped form that InetAddress.getByAddress would unmap.
        InetAddress v6 = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertThat(AddressGroup.of(Optional.of(v6))).contains(new AddressGroup("203.0.113.7"));
        byte[] loopback = mapped.clone();
        loopback[12] = 127;
        loopback[13] = 0;
        loopback[14] = 0;
        loopback[15] = 1;
        assertThat(AddressGroup.of(Optional.of(java.net.Inet6Address.getByAddress(null, loopback, -1)))).isEmpty();
    }

    @Test
    void loopbackAndUnknownAddressesFormNoGroup() throws Exception {
        assertThat(of("127.0.0.1")).isEmpty();
        assertThat(of("127.1.2.3")).isEmpty();
        assertThat(of("::1")).isEmpty();
        assertThat(AddressGroup.of(Optional.empty())).isEmpty();
    }
}
