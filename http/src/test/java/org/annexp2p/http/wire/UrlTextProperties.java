package org.annexp2p.http.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class UrlTextProperties {

    @Provide
    Arbitrary<String> wireText() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(b -> new String(b, StandardCharsets.ISO_8859_1));
    }

    @Property
    void encodedTextDecodesBack(@ForAll("wireText") String wire) {
        assertThat(UrlText.decode(UrlText.encode(wire), true).get()).isEqualTo(wire);
    }

    @Property
    void anyInputDecodesOrIsRefusedWithoutThrowing(@ForAll String piece) {
        var decoded = UrlText.decode(piece, false);
        if (piece.chars().anyMatch(c -> c > 0x7f)) {
            assertThat(decoded.isLeft()).isTrue();
        }
    }

    @Property
    void aTruncatedEscapeIsRefused(@ForAll("wireText") String wire) {
        String encoded = UrlText.encode(wire);
        assertThat(UrlText.decode(encoded + "%", false).isLeft()).isTrue();
        assertThat(UrlText.decode(encoded + "%a", false).isLeft()).isTrue();
        assertThat(UrlText.decode(encoded + "%zz", false).isLeft()).isTrue();
    }
}
