package org.annexp2p.transports.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class TcpAddressProperties {

    @Property
    void printedAddressesParseBack(@ForAll("hosts") String host, @ForAll @IntRange(min = 0, max = 65_535) int port) {
        TcpAddress address = new TcpAddress(host, port);
        assertThat(TcpAddress.parse(address.toString())).isEqualTo(address);
        assertThat(TcpAddress.parse("tcp://" + address)).isEqualTo(address);
    }

    @Property(tries = 2000)
    void garbageGivesAOneLineIllegalArgumentOrAValidAddress(@ForAll String text) {
        try {
            TcpAddress parsed = TcpAddress.parse(text);
            assertThat(parsed.port()).isBetween(0, 65_535);
            assertThat(parsed.host()).isNotEmpty();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("invalid TCP address").doesNotContain("\n");
        }
    }

    @Provide
    Arbitrary<String> hosts() {
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(parts -> String.join(".", parts.stream().map(String::valueOf).toList()));
        Arbitrary<String> ipv6 = Arbitraries.integers().between(0, 0xffff).list().ofSize(8)
                .map(parts -> String.join(":", parts.stream().map(Integer::toHexString).toList()));
        Arbitrary<String> names = Combinators.combine(
                        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12),
                        Arbitraries.of("", ".local", ".example.org"))
                .as(String::concat);
        return Arbitraries.oneOf(ipv4, ipv6, names);
    }
}
