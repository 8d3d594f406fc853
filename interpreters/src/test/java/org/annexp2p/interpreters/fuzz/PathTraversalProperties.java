package org.annexp2p.interpreters.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AssociatedFile;

/**
 * No key and no associated file names a place outside the repository: keys full of {@code ../}, absolute
 * paths, NULs and backslashes map into the object store and the tmp directory or are refused, and associated
 * files that climb out or start at the root do not parse.
 */
class PathTraversalProperties {
    static FuzzRepository fixture;

    @BeforeContainer
    static void create() throws IOException {
        fixture = FuzzRepository.create();
    }

    @AfterContainer
    static void remove() throws IOException {
        fixture.close();
    }

    @Provide
    Arbitrary<String> climbing() {
        return Arbitraries.oneOf(
                Arbitraries.of("../../etc/passwd", "/etc/passwd", "..", ".", "a/../../b", "..\\..\\x", "\u0000/x", "/"),
                Arbitraries.strings().withChars("./\\\u0000ab%~:").ofMinLength(1).ofMaxLength(40));
    }

    @Property(tries = 1000)
    void keysMapInsideTheObjectStoreOrAreRefused(@ForAll("climbing") String name) {
        Key key = Key.of("WORM", 1, name);
        Path annex = fixture.repository().annexDir().toAbsolutePath().normalize();
        try {
            assertThat(fixture.repository().objectPath(key).toAbsolutePath().normalize()).startsWithRaw(annex.resolve("objects"));
            assertThat(fixture.repository().tmpPath(key).toAbsolutePath().normalize()).startsWithRaw(annex.resolve("tmp"));
        } catch (IOException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void associatedFilesNeverClimbOutOrStartAtTheRoot(@ForAll("climbing") String wire) {
        AssociatedFile.parse(wire).forEach(f -> f.path().forEach(p -> {
            assertThat(p).doesNotStartWith("/");
            assertThat(p.split("/", -1)).doesNotContain("..");
        }));
    }
}
