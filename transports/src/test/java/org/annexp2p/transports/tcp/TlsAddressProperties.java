package org.annexp2p.transports.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TlsAddressProperties {

    @Property
    void printedAddressesParseBack(@ForAll("addresses") TlsAddress address) {
        assertThat(TlsAddress.parse(address.toString())).isEqualTo(address);
    }

    @Property
    void parsedTextPrintsBackExactly(@ForAll("addresses") TlsAddress address) {
        String text = address.toString();
        assertThat(TlsAddress.parse(text).toString()).isEqualTo(text);
    }

    @Property
    void pinsAreShortAndPasteable(@ForAll @Size(32) byte[] digest) {
        KeyPin pin = new KeyPin(digest);
        assertThat(pin.toString()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(KeyPin.parse(pin.toString())).isEqualTo(pin);
    }

    /** Only one spelling per pin: the 43rd character carries 4 bits, the other 2 must be zero. */
    @Property
    void aPinWithStrayLowBitsIsRefused(@ForAll @Size(32) byte[] digest, @ForAll @IntRange(min = 1, max = 3) int stray) {
        String canonical = new KeyPin(digest).toString();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = canonical.charAt(42);
        String other = canonical.substring(0, 42) + alphabet.charAt(alphabet.indexOf(last) | stray);
        assertThat(Base64.getUrlDecoder().decode(other)).as("the JDK decodes it to the same digest").isEqualTo(digest);
        assertThatThrownBy(() -> KeyPin.parse(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 2000)
    void garbageGivesAOneLineIllegalArgumentOrAValidAddress(@ForAll("nearMisses") String text) {
        try {
            TlsAddress parsed = TlsAddress.parse(text);
            assertThat(parsed.toString()).isEqualTo(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("invalid TLS address").doesNotContain("\n").hasSizeLessThan(400);
        }
    }

    @Example
    void aMissingPinIsNamed() {
        assertThatThrownBy(() -> TlsAddress.parse("tls://192.168.1.20:4242"))
                .hasMessage("invalid TLS address 'tls://192.168.1.20:4242': the server's key pin is missing: "
                        + "expected tls://HOST:PORT/PIN as `annex-p2p serve` prints it");
        assertThatThrownBy(() -> TlsAddress.parse("tls://192.168.1.20:4242/")).hasMessageContaining("key pin is missing");
    }

    @Example
    void aMalformedPinIsNamed() {
        assertThatThrownBy(() -> TlsAddress.parse("tls://[::1]:4242/abc"))
                .hasMessage("invalid TLS address 'tls://[::1]:4242/abc': a key pin is 43 characters of A-Z a-z 0-9 - _");
    }

    @Example
    void ipv6InBrackets() {
        KeyPin pin = new KeyPin(new byte[32]);
        TlsAddress address = TlsAddress.parse("tls://[::1]:4242/" + pin);
        assertThat(address.endpoint()).isEqualTo(new TcpAddress("::1", 4242));
        assertThat(address).hasToString("tls://[::1]:4242/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThatThrownBy(() -> TlsAddress.parse("tls://::1:4242/" + pin)).hasMessageContaining("IPv6 as [addr]:PORT");
    }

    @Example
    void onlyOneSpellingOfThePort() {
        KeyPin pin = new KeyPin(new byte[32]);
        assertThatThrownBy(() -> TlsAddress.parse("tls://127.0.0.1:04242/" + pin)).hasMessageContaining("without leading zeros");
    }

    @Example
    void otherSchemesAreNotTls() {
        KeyPin pin = new KeyPin(new byte[32]);
        assertThatThrownBy(() -> TlsAddress.parse("tcp://127.0.0.1:4242/" + pin)).hasMessageContaining("does not start with tls://");
        assertThatThrownBy(() -> TlsAddress.parse("tls://a/b:1/" + pin)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<TlsAddress> addresses() {
        return Combinators.combine(hosts(), Arbitraries.integers().between(0, 65_535),
                        Arbitraries.bytes().array(byte[].class).ofSize(32))
                .as((host, port, digest) -> new TlsAddress(new TcpAddress(host, port), new KeyPin(digest)));
    }

    /** Valid addresses with one character changed, dropped or added, and plain garbage. */
    @Provide
    Arbitrary<String> nearMisses() {
        Arbitrary<String> mutated = Combinators.combine(addresses().map(TlsAddress::toString), Arbitraries.integers().between(0, 200),
                        Arbitraries.chars().ascii(), Arbitraries.of(0, 1, 2))
                .as((text, at, c, how) -> {
                    int i = at % (text.length() + 1);
                    return switch (how) {
                        case 0 -> text.substring(0, i) + c + text.substring(i);
                        case 1 -> i < text.length() ? text.substring(0, i) + text.substring(i + 1) : text;
                        default -> i < text.length() ? text.substring(0, i) + c + text.substring(i + 1) : text;
                    };
                });
        return Arbitraries.oneOf(mutated, Arbitraries.strings(), Arbitraries.strings().map(s -> "tls://" + s));
    }

    private Arbitrary<String> hosts() {
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(parts -> String.join(".", parts.stream().map(String::valueOf).toList()));
        Arbitrary<String> ipv6 = Arbitraries.integers().between(0, 0xffff).list().ofSize(8)
                .map(parts -> String.join(":", parts.stream().map(Integer::toHexString).toList()));
        Arbitrary<String> names = Combinators.combine(
                        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12),
                        Arbitraries.of("", ".local", ".example.org"))
                .as(String::concat);
        return Arbitraries.oneOf(ipv4, ipv6, names, Arbitraries.just("::1"));
    }
}
