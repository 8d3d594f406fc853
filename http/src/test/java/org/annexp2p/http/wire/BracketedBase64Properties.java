package org.annexp2p.http.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class BracketedBase64Properties {

    @Provide
    Arbitrary<String> wireText() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(b -> new String(b, StandardCharsets.ISO_8859_1));
    }

    @Property
    void anyBytesSurviveTheTrip(@ForAll("wireText") String wire) {
        assertThat(BracketedBase64.decode(BracketedBase64.encode(wire)).get()).isEqualTo(wire);
    }

    @Property
    void plainUtf8TextStaysReadable(@ForAll("wireText") String wire) {
        String encoded = BracketedBase64.encode(wire);
        boolean wrapped = encoded.startsWith("[") && encoded.endsWith("]") && !encoded.equals(wire);
        assertThat(wrapped || encoded.equals(wire)).isTrue();
    }

    @Property
    void anythingInBracketsDecodesOrIsRefusedWithoutThrowing(@ForAll String inner) {
        var decoded = BracketedBase64.decode("[" + inner + "]");
        boolean alphabet = inner.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
        if (!alphabet && !inner.replaceAll("=+$", "").chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
            assertThat(decoded.isLeft()).isTrue();
        }
        decoded.forEach(v -> assertThat(BracketedBase64.decode(BracketedBase64.encode(v)).get()).isEqualTo(v));
    }

    @Property
    void standardBase64AlphabetIsRefused(@ForAll("wireText") String wire) {
        String standard = java.util.Base64.getEncoder().encodeToString(wire.getBytes(StandardCharsets.ISO_8859_1));
        if (standard.contains("+") || standard.contains("/")) {
            assertThat(BracketedBase64.decode("[" + standard + "]").isLeft()).isTrue();
        }
    }

    @Property
    void unbracketedValuesStandForThemselves(@ForAll("wireText") String wire) {
        if (!(wire.startsWith("[") && wire.endsWith("]") && wire.length() >= 2)) {
            assertThat(BracketedBase64.decode(wire).get()).isEqualTo(wire);
        }
    }
}
