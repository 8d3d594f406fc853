package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.repository.Transfer;
import org.annexp2p.testkit.content.AnnexedContent;
import org.annexp2p.testkit.peers.ServedRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code put --repo}: records the peer in our location log as `git annex copy --to` does, and says where it resumed. */
class PutCommandTest {
    static final AuthToken TOKEN = AuthToken.parse("puttesttoken").get();
    static final Uuid SERVER = new Uuid("0b8e4a5c-3a4f-4e61-9c1e-2f7d6a5b4c3d");
    static final byte[] CONTENT = "the content a put sends to its peer, long enough to cut in two\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    final MemoryRepository server = new MemoryRepository(SERVER);
    ServedRepository serving;
    Key key;
    AnnexRepository repo;

    @BeforeEach
    void start() throws Exception {
        serving = ServedRepository.onLoopback(server, TOKEN);
        key = AnnexedContent.sha256e(CONTENT, ".txt");
        repo = AnnexRepository.create(dir);
        store(repo, CONTENT.length, true);
    }

    @AfterEach
    void stop() {
        serving.close();
    }

    private void store(org.annexp2p.repository.Repository r, int bytes, boolean finish) throws Exception {
        try (Transfer t = r.beginTransfer(new Destination.ObjectStore(key)).get()) {
            t.write(Offset.of(0), Len.of(CONTENT.length), new ByteArrayInputStream(CONTENT, 0, bytes));
            if (finish) {
                assertThat(t.finish(Option.some(Validity.VALID))).isTrue();
            }
        }
    }

    private int put() {
        return Main.run("put", "--address", "tcp://" + serving.address(), "--token", TOKEN.reveal(), "--repo", dir.toString(),
                key.toString());
    }

    @Test
    void aPutRecordsThatThePeerNowHasTheKey() throws Exception {
        assertThat(repo.locations(key)).doesNotContain(SERVER);
        assertThat(put()).as("stderr: %s", err).isZero();
        assertThat(server.content(key).get()).isEqualTo(CONTENT);
        assertThat(repo.locations(key)).contains(SERVER);
        assertThat(err.text()).doesNotContain("resumed at");
    }

    @Test
    void aResumedPutSaysWhereItResumed() throws Exception {
        store(server, 20, false);
        assertThat(put()).as("stderr: %s", err).isZero();
        assertThat(err.text()).contains("(resumed at 20 B)");
        assertThat(server.content(key).get()).isEqualTo(CONTENT);
    }
}
