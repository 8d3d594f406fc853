package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.Transfer;
import org.annexp2p.testkit.content.AnnexedContent;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A get killed between moving the object into place and logging it leaves the object unlogged. Getting it again
 * must not download it again (the peer here is unreachable, so any attempt fails): it logs the object that is
 * here, as git-annex's get skips content it has.
 */
class GetIntoStoreTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    @Test
    void anObjectLeftUnloggedIsLoggedWithoutATransfer() throws Exception {
        TemporaryRepository.withUuid(dir, "5b7a4a8e-2f43-4c3c-9d0e-7a1f3c9e2b11");
        byte[] content = "content that an interrupted get already stored\n".getBytes(StandardCharsets.UTF_8);
        Key key = AnnexedContent.sha256e(content, ".txt");
        AnnexRepository repo = AnnexRepository.open(dir);
        try (Transfer t = repo.beginTransfer(new Destination.ObjectStore(key)).get()) {
            t.write(Offset.of(0), Len.of(content.length), new ByteArrayInputStream(content));
            assertThat(t.finish(Option.some(Validity.VALID))).isTrue();
        }
        assertThat(repo.locations(key)).as("stored but, like after the kill, not logged").isEmpty();

        // Port 1 on loopback refuses connections: a get that tried to transfer would fail.
        int exit = Main.run("get", "--address", "tcp://127.0.0.1:1", "--repo", dir.toString(), key.toString());

        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(repo.locations(key)).containsExactly(repo.uuid());
        assertThat(err.text()).contains("already here");
    }
}
