package org.annexp2p.interpreters.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.GitRelays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Server;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.memory.MemoryNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An authenticated peer of a read-only or append-only server must not reach {@code git receive-pack}: a push
 * can delete or rewrite any ref, the git-annex branch included. The server program is the same over every
 * transport, so this runs it as every transport does, with git's real relay behind it.
 */
class GitPushRefusalTest {
    static final Uuid ME = new Uuid("server");

    @TempDir
    Path dir;

    /** What the server answers to {@code CONNECT service} in {@code mode}: its first line, and how it ended. */
    record Answer(String firstLine, Outcome<?> outcome) {}

    Answer connect(ServerMode mode, String service) throws Exception {
        Path repo = gitRepoWithBranch();
        MemoryNetwork network = new MemoryNetwork();
        Listener listener = network.listen("srv");
        CompletableFuture<Outcome<?>> served = CompletableFuture.supplyAsync(() -> {
            try (Connection c = listener.accept();
                    RepositoryLocal local = new RepositoryLocal(new MemoryRepository(ME))) {
                StreamNet net = StreamNet.over(c, AuthCheck.REFUSE_ALL, new GitRelays(repo, null, null), Transcript.NONE);
                return new Full(net, local).run(Server.serveAuthed(mode, ME));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (Connection c = network.dial("srv", Duration.ofSeconds(5))) {
            OutputStream out = c.output();
            out.write(("VERSION 1\nCONNECT " + service + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(c.input(), StandardCharsets.ISO_8859_1));
            assertThat(in.readLine()).isEqualTo("VERSION 1");
            String first = in.readLine();
            c.close();
            return new Answer(first, served.get(60, TimeUnit.SECONDS));
        } finally {
            listener.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ServerMode.class, names = {"READ_ONLY", "APPEND_ONLY"})
    void aPushIsRefusedWithGitAnnexsWordsAndGitIsNeverStarted(ServerMode mode) throws Exception {
        Answer a = connect(mode, "git-receive-pack");
        assertThat(a.firstLine()).isEqualTo("ERROR this repository is read-only; write access denied");
        assertThat(a.outcome().completed()).as("the conversation ends after the refusal: %s", a.outcome()).isTrue();
        assertThat(git(dir.resolve("repo"), "rev-parse", "refs/heads/keep")).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(value = ServerMode.class, names = {"READ_ONLY", "APPEND_ONLY"})
    void aFetchIsStillRelayed(ServerMode mode) throws Exception {
        // upload-pack's ref advertisement arrives as DATA: the relay ran.
        assertThat(connect(mode, "git-upload-pack").firstLine()).startsWith("DATA ");
    }

    @Test
    void aReadWriteServerRelaysAPush() throws Exception {
        assertThat(connect(ServerMode.READ_WRITE, "git-receive-pack").firstLine()).startsWith("DATA ");
    }

    private Path gitRepoWithBranch() throws Exception {
        Path repo = dir.resolve("repo");
        if (!Files.isDirectory(repo)) {
            TemporaryRepository r = TemporaryRepository.git(repo);
            r.git("commit", "-q", "--allow-empty", "-m", "x");
            r.git("branch", "keep");
        }
        return repo;
    }

    private static String git(Path repo, String... args) throws Exception {
        return new TemporaryRepository(repo).git(args).out().trim();
    }
}
