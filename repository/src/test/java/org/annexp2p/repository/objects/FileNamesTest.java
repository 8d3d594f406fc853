package org.annexp2p.repository.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.annexp2p.protocol.wire.WireText;
import org.junit.jupiter.api.Test;

class FileNamesTest {
    @Provide
    Arbitrary<String> wire() {
        return Arbitraries.strings().withCharRange('\0', '\u00ff').ofMaxLength(300);
    }

    @Property(tries = 1000)
    void anyBytesGiveANameForExactlyThoseBytesOrAReason(@ForAll("wire") String wire) {
        Either<String, String> name = FileNames.component(wire);
        if (name.isRight()) {
            assertThat(name.get().getBytes(StandardCharsets.UTF_8)).isEqualTo(WireText.toBytes(wire));
            assertThat(name.get()).doesNotContain("/", "\0").isNotIn(".", "..", "");
        } else {
            assertThat(name.getLeft()).doesNotContain("\n");
        }
    }

    @Test
    void refusesWhatCannotBeOneComponent() {
        assertThat(FileNames.component("..").isLeft()).isTrue();
        assertThat(FileNames.component("a/b").isLeft()).isTrue();
        assertThat(FileNames.component("x".repeat(256)).getLeft()).contains("too long");
        assertThat(FileNames.component("x".repeat(255)).isRight()).isTrue();
        assertThat(FileNames.component("\u00ff").isLeft()).as("a lone 0xff byte is not UTF-8").isTrue();
        assertThat(FileNames.component(WireText.ofUnicode("é中")).get()).isEqualTo("é中");
    }
}
