package org.annexp2p.interpreters.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.testkit.repository.GitAnnexFixture;
import org.annexp2p.repository.LooseFiles;
import org.annexp2p.testkit.content.TestPayload;
import org.annexp2p.testkit.content.GitAnnexKeys;

/** {@code annex-p2p get KEY OUTFILE} outside a repository: only the key's own content is left in OUTFILE. */
class LooseFilesProperties {
    private static Path dir;
    private static int files;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("loose-files");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        GitAnnexFixture.deleteTree(dir);
    }

    @Provide
    Arbitrary<Key> gitAnnexKeys() {
        return Arbitraries.of(GitAnnexKeys.all().stream()
                .filter(k -> k.size().get() > 0 && k.size().get() < GitAnnexKeys.LARGE).toList());
    }

    @Property(tries = 100)
    void wrongBytesOfTheRightSizeNeverStayInTheOutputFile(@ForAll("gitAnnexKeys") Key computed,
            @ForAll @IntRange(max = 1000) int where, @ForAll @IntRange(min = 1, max = 255) int flip,
            @ForAll boolean withExtension) throws IOException {
        Key key = withExtension ? GitAnnexKeys.withExtension(computed, ".bin") : computed;
        byte[] content = GitAnnexKeys.content(computed);
        byte[] bad = content.clone();
        bad[(int) ((long) (bad.length - 1) * where / 1000)] ^= (byte) flip;
        Path out = dir.resolve("out" + (++files));
        Destination d = new Destination.File(key, out.toString());
        LooseFiles loose = new LooseFiles(Uuid.random());

        assertThat(receive(loose, d, bad)).as("wrong content for %s", key).isFalse();
        assertThat(out).doesNotExist();
        assertThat(receive(loose, d, content)).as("the content of %s", key).isTrue();
        assertThat(Files.readAllBytes(out)).isEqualTo(content);
    }

    private static boolean receive(LooseFiles loose, Destination d, byte[] bytes) throws IOException {
        try (RepositoryLocal l = new RepositoryLocal(loose)) {
            TestPayload p = TestPayload.of(bytes);
            l.writeContent(new Local.WriteContent(d, AssociatedFile.NONE, Offset.ZERO, p.length(), p));
            return l.finishContent(new Local.FinishContent(d, Option.some(Validity.VALID)));
        }
    }
}
