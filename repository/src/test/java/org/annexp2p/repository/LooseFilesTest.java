package org.annexp2p.repository;

import org.annexp2p.testkit.content.TestPayload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.testkit.content.AnnexedContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LooseFilesTest {
    private static final byte[] CONTENT = "loose content, no repository\n".getBytes(StandardCharsets.US_ASCII);
    private static final Key KEY = AnnexedContent.sha256e(CONTENT, ".txt");

    @TempDir
    Path tmp;

    @Test
    void aSourceFileIsTheContentOfItsKey() throws IOException {
        Path source = Files.write(tmp.resolve("in.txt"), CONTENT);
        LooseFiles loose = new LooseFiles(Uuid.random()).withSource(KEY, source);
        assertThat(loose.contentSize(KEY)).isEqualTo(Option.some(Len.of(CONTENT.length)));
        Payload p = loose.readContent(KEY, Offset.of(7)).get();
        try (InputStream in = p.stream()) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(CONTENT, 7, CONTENT.length));
        }
        assertThat(loose.checkUnchanged(p)).isEqualTo(Validity.VALID);
        assertThat(loose.readContent(Key.of("WORM", 1, "other"), Offset.ZERO)).isEmpty();
    }

    @Test
    void anOutputFileResumesAndIsVerified() throws IOException {
        LooseFiles loose = new LooseFiles(Uuid.random());
        Destination d = new Destination.File(KEY, tmp.resolve("out.txt").toString());
        try (Transfer t = loose.beginTransfer(d).get()) {
            Payload first = TestPayload.truncated(CONTENT.length, Arrays.copyOf(CONTENT, 10));
            t.write(Offset.ZERO, first.length(), first.stream());
        }
        assertThat(loose.partialSize(d)).isEqualTo(Len.of(10));
        Transfer t = loose.beginTransfer(d).get();
        Payload rest = TestPayload.of(Arrays.copyOfRange(CONTENT, 10, CONTENT.length));
        t.write(Offset.of(10), rest.length(), rest.stream());
        assertThat(t.finish(Option.some(Validity.VALID))).isTrue();
        assertThat(Files.readAllBytes(tmp.resolve("out.txt"))).isEqualTo(CONTENT);
    }

    @Test
    void wrongContentInAnOutputFileIsDeleted() throws IOException {
        LooseFiles loose = new LooseFiles(Uuid.random());
        Destination d = new Destination.File(KEY, tmp.resolve("bad.txt").toString());
        byte[] bad = CONTENT.clone();
        bad[3] ^= 1;
        Transfer t = loose.beginTransfer(d).get();
        Payload p = TestPayload.of(bad);
        t.write(Offset.ZERO, p.length(), p.stream());
        assertThat(t.finish(Option.some(Validity.VALID))).isFalse();
        assertThat(tmp.resolve("bad.txt")).doesNotExist();
    }

    @Test
    void anOutputFileAppearsOnlyVerifiedAndPartialBytesWaitBesideItPrivately() throws IOException {
        LooseFiles loose = new LooseFiles(Uuid.random());
        Path out = tmp.resolve("out.txt");
        Destination d = new Destination.File(KEY, out.toString());
        try (Transfer t = loose.beginTransfer(d).get()) {
            Payload first = TestPayload.truncated(CONTENT.length, Arrays.copyOf(CONTENT, 10));
            t.write(Offset.ZERO, first.length(), first.stream());
        }
        Path partial = OutputFileCopy.partialPath(KEY, out);
        assertThat(out).doesNotExist();
        assertThat(partial.getParent()).isEqualTo(tmp);
        assertThat(Files.readAllBytes(partial)).isEqualTo(Arrays.copyOf(CONTENT, 10));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(partial))).isEqualTo("rw-------");
        assertThat(loose.partialSize(new Destination.File(Key.of("WORM", CONTENT.length, "other"), out.toString())))
                .as("another key's get into the same file starts afresh").isEqualTo(Len.ZERO);

        Transfer t = loose.beginTransfer(d).get();
        Payload rest = TestPayload.of(Arrays.copyOfRange(CONTENT, 10, CONTENT.length));
        t.write(Offset.of(10), rest.length(), rest.stream());
        assertThat(t.finish(Option.some(Validity.VALID))).isTrue();
        assertThat(partial).doesNotExist();
        Path fresh = Files.createFile(tmp.resolve("what a new file gets"));
        assertThat(Files.getPosixFilePermissions(out)).as("the umask's mode, not the partial file's")
                .isEqualTo(Files.getPosixFilePermissions(fresh));
    }

    @Test
    void aSymbolicLinkPlantedAtThePartialNameIsNeverWrittenThrough() throws IOException {
        LooseFiles loose = new LooseFiles(Uuid.random());
        Path out = tmp.resolve("out.txt");
        Path victim = Files.write(tmp.resolve("victim"), "precious\n".getBytes(StandardCharsets.US_ASCII));
        Files.createSymbolicLink(OutputFileCopy.partialPath(KEY, out), victim);
        Destination d = new Destination.File(KEY, out.toString());
        assertThatThrownBy(() -> loose.partialSize(d)).hasMessageContaining("not a regular file");
        try (Transfer t = loose.beginTransfer(d).get()) {
            Payload p = TestPayload.of(CONTENT);
            assertThatThrownBy(() -> t.write(Offset.ZERO, p.length(), p.stream())).hasMessageContaining("not a regular file");
        }
        assertThat(Files.readString(victim)).isEqualTo("precious\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void aPartialFileWithAnotherNameIsNotResumed() throws IOException {
        LooseFiles loose = new LooseFiles(Uuid.random());
        Path out = tmp.resolve("out.txt");
        Path elsewhere = Files.write(tmp.resolve("elsewhere"), Arrays.copyOf(CONTENT, 5));
        Files.createLink(OutputFileCopy.partialPath(KEY, out), elsewhere);
        assertThatThrownBy(() -> loose.partialSize(new Destination.File(KEY, out.toString())))
                .hasMessageContaining("has other names");
    }

    @Test
    void verifiedContentReplacesAnExistingOutputFileKeepingItsMode() throws IOException {
        LooseFiles loose = new LooseFiles(Uuid.random());
        Path out = Files.write(tmp.resolve("out.txt"), "old".getBytes(StandardCharsets.US_ASCII));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));
        Destination d = new Destination.File(KEY, out.toString());
        assertThat(loose.partialSize(d)).as("OUTFILE itself is not a partial copy").isEqualTo(Len.ZERO);
        Transfer t = loose.beginTransfer(d).get();
        Payload p = TestPayload.of(CONTENT);
        t.write(Offset.ZERO, p.length(), p.stream());
        assertThat(t.finish(Option.some(Validity.VALID))).isTrue();
        assertThat(Files.readAllBytes(out)).isEqualTo(CONTENT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-r-----");
    }

    @Test
    void thereIsNoObjectStoreToReceiveIntoOrRemoveFrom() {
        LooseFiles loose = new LooseFiles(Uuid.random());
        assertThatThrownBy(() -> loose.beginTransfer(new Destination.ObjectStore(KEY)))
                .hasMessageStartingWith("no repository here to store");
        assertThatThrownBy(() -> loose.removeContent(KEY, () -> true)).hasMessageStartingWith("no repository here");
        assertThat(loose.lockContent(KEY)).isEmpty();
    }
}
