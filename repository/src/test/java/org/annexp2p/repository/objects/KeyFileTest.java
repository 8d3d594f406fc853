package org.annexp2p.repository.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.annexp2p.protocol.key.Key;
import org.junit.jupiter.api.Test;

class KeyFileTest {
    @Provide
    Arbitrary<Key> keys() {
        return Keys.keys();
    }

    @Property(tries = 500)
    void escapingRoundTrips(@ForAll("keys") Key key) {
        assertThat(KeyFile.parse(key.fileName())).isEqualTo(Option.some(key));
    }

    @Property(tries = 500)
    void anyStringGivesAKeyWhoseFileNameItIsOrNothing(@ForAll String s) {
        KeyFile.parse(s).forEach(k -> assertThat(k.fileName()).isEqualTo(s));
    }

    @Test
    void gitAnnexEscapes() {
        assertThat(KeyFile.parse("WORM-s1-m2-S3-C4--a&ab&cc%d&se")).isEqualTo(Key.parse("WORM-s1-m2-S3-C4--a&b:c/d%e").toOption());
        assertThat(KeyFile.parse("WORM--a&x")).isEmpty();
        assertThat(KeyFile.parse("WORM--a&")).isEmpty();
    }
}
