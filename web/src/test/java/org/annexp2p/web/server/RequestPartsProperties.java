package org.annexp2p.web.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The parsers of what a request says about itself: Host/Origin, the Cookie header, static paths. */
class RequestPartsProperties {

    @Provide
    Arbitrary<String> hostNames() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(20),
                Arbitraries.integers().between(0, 255).list().ofSize(4).map(parts -> String.join(".", parts.stream().map(String::valueOf).toList())),
                Arbitraries.of("[::1]", "[fe80::1]", "localhost"));
    }

    @Property
    void anAuthorityReadsBackAsWritten(@ForAll("hostNames") String host, @ForAll @IntRange(min = 1, max = 65535) int port) {
        assertThat(Authority.parse(host + ":" + port)).isEqualTo(Option.some(new Authority(host, port)));
        assertThat(Authority.ofOrigin("http://" + host + ":" + port)).isEqualTo(Option.some(new Authority(host, port)));
    }

    @Property
    void anythingWithUserInfoAPathOrSpacesIsNoAuthority(@ForAll("hostNames") String host, @ForAll @IntRange(min = 1, max = 65535) int port,
            @ForAll("extras") String extra) {
        assertThat(Authority.parse(host + ":" + port + extra)).isEmpty();
        assertThat(Authority.parse(extra + host + ":" + port)).isEmpty();
    }

    @Provide
    Arbitrary<String> extras() {
        return Arbitraries.of("@evil.example", "/", " ", "\t", ":", "#", "?", "%2e", "\\", "\u0000", ".:1", ":0x1");
    }

    @Property
    void anyTextParsesOrIsRefusedWithoutThrowing(@ForAll String text) {
        Option<Authority> parsed = Authority.parse(text);
        parsed.forEach(a -> assertThat(a.port()).isBetween(1, 65535));
        Authority.ofOrigin(text);
    }

    @Property
    void aCookieIsFoundAmongOthers(@ForAll("tokens") String value, @ForAll("tokens") String other) {
        String header = "a=" + other + "; annex-p2p-ui-8080=" + value + ";b=" + other;
        assertThat(CookieHeader.value(header, "annex-p2p-ui-8080")).isEqualTo(Option.some(value));
        assertThat(CookieHeader.value(header, "annex-p2p-ui-8081")).isEmpty();
        assertThat(CookieHeader.value("x" + header, "annex-p2p-ui-808")).isEmpty();
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_").ofMinLength(1).ofMaxLength(40);
    }

    @Property
    void aStaticPathNeverLeavesItsFolder(@ForAll("paths") String path) {
        StaticPath.file(path).forEach(name -> {
            assertThat(name).doesNotStartWith("/").doesNotStartWith(".").doesNotContain("..").doesNotContain("//")
                    .doesNotContain("%").doesNotContain("\\");
            assertThat(java.nio.file.Path.of("/folder").resolve(name).normalize().startsWith(java.nio.file.Path.of("/folder"))).isTrue();
        });
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.of("..", ".", "", "%2e%2e", "%2f", "%2e", "a", "app.js", "..%2f", "\\", ".js", "x.y.css"),
                Arbitraries.strings().withChars("abc./%\\_-").ofMaxLength(6));
        return segment.list().ofMaxSize(6).map(parts -> "/static/" + String.join("/", parts));
    }

    @Property
    void plainNamesAreServed(@ForAll("tokens") String stem) {
        assertThat(StaticPath.file("/static/" + stem + ".js")).isEqualTo(Option.some(stem + ".js"));
    }
}
