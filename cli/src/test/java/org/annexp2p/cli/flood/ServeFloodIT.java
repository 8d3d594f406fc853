package org.annexp2p.cli.flood;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.tcp.TcpTransport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code annex-p2p serve --listen 127.0.0.1:0} as its own process against peers that connect and never
 * authenticate (issue 15): real clients still get their content, the silent peers are closed at
 * {@code --auth-timeout}, and a flood of thousands is refused promptly while an authenticated peer goes on.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ServeFloodIT {
    private static final Pattern LISTENING = Pattern.compile("on tcp://127\\.0\\.0\\.1:(\\d+)");
    private static final String REFUSAL = "ERROR too many connections; try again later\n";
    private static final byte[] CONTENT = "what a real client came for\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() {
        GitAnnex.requireInstalled();
        AnnexP2p.jar();
    }

    /**
     * With --max-connections 2, fifty-two peers that never send AUTH once held both slots for as long as they
     * stayed and every real client was refused. Now they wait in the unauthenticated pool while a real client gets
     * its file; then --auth-timeout closes them without a word; past --max-unauthenticated peers are refused.
     */
    @Test
    void aRealClientGetsItsFileWhileSilentPeersHoldOnAndTheyAreClosedAtTheTimeout() throws Exception {
        Server server = Server.start(tmp, "--max-connections", "2", "--max-unauthenticated", "60", "--auth-timeout", "30");
        try {
            List<Socket> silent = new ArrayList<>();
            for (int i = 0; i < 52; i++) {
                silent.add(server.connect());
            }
            Path out = tmp.resolve("got.txt");
            GitAnnex.Result got = AnnexP2p.run(tmp, Map.of("GIT_ANNEX_P2P_AUTHTOKEN", server.token), "get",
                    "--address", "tcp://" + server.address(), server.key, out.toString());
            assertThat(got.exit()).as("get while 52 silent peers are connected: %s", got.err()).isZero();
            assertThat(Files.readAllBytes(out)).isEqualTo(CONTENT);
            for (Socket s : silent) {
                assertThat(stillOpen(s)).as("a silent peer is still connected when the real client is done").isTrue();
            }

            List<Socket> more = new ArrayList<>();
            for (int i = 0; i < 13; i++) {
                more.add(server.connect());
            }
            int refusals = 0;
            int closed = 0;
            for (Socket s : more) {
                String said = readAll(s);
                if (said.equals(REFUSAL)) {
                    refusals++;
                } else {
                    assertThat(said).as("an unauthenticated peer at the timeout").isEmpty();
                    closed++;
                }
            }
            assertThat(refusals).as("peers over --max-unauthenticated 60").isEqualTo(5);
            assertThat(closed).isEqualTo(8);
            for (Socket s : silent) {
                assertThat(readAll(s)).as("a silent peer at --auth-timeout: closed, nothing said").isEmpty();
            }
            assertThat(server.stderr()).contains("not authenticated within 30 s").contains("127.0.0.1");
        } finally {
            server.close();
        }
    }

    /**
     * Thousands of connections at once (10,000 unless -Dflood.connections says otherwise) against the default
     * limits: the server keeps accepting, refusing each one over the cap at once, while a peer that authenticated
     * before the flood keeps asking and being answered; afterwards a new client gets its file.
     */
    @Test
    void aFloodOfThousandsIsRefusedPromptlyWhileAnAuthenticatedPeerIsServed() throws Exception {
        int flood = Integer.getInteger("flood.connections", 10_000);
        Server server = Server.start(tmp, "--max-connections", "4", "--auth-timeout", "5");
        List<Socket> sockets = new ArrayList<>();
        try (TcpTransport tcp = new TcpTransport();
                Connection c = tcp.dial(server.address(), Duration.ofSeconds(30));
                RepositoryLocal local = new RepositoryLocal(new MemoryRepository(new Uuid("flood-it-client")))) {
            Full peer = new Full(StreamNet.over(c, AuthCheck.REFUSE_ALL, Relays.NONE, Transcript.NONE), local);
            assertThat(peer.run(Client.auth(new Uuid("flood-it-client"), AuthToken.parse(server.token).get())).orThrow().isRight())
                    .isTrue();
            Key key = Key.parse(server.key).get();
            for (int i = 0; i < flood; i++) {
                sockets.add(server.connect());
                if (i % 1000 == 999) {
                    assertThat(peer.run(Client.checkPresent(key)).orThrow().get())
                            .as("the authenticated peer's CHECKPRESENT after %d flooding connections", i + 1).isTrue();
                }
            }
            int answered = 0;
            for (Socket s : sockets) {
                // Each is refused (with the line, or closed without it once the refusals queue is full) or, for the
                // few let in, closed at --auth-timeout: a connection never accepted would give a timeout instead.
                String said = readAll(s);
                assertThat(said).isIn(REFUSAL, "");
                answered++;
            }
            assertThat(answered).isEqualTo(flood);
            assertThat(peer.run(Client.checkPresent(key)).orThrow().get()).as("after the flood").isTrue();
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        try {
            Path out = tmp.resolve("after.txt");
            GitAnnex.Result got = AnnexP2p.run(tmp, Map.of("GIT_ANNEX_P2P_AUTHTOKEN", server.token), "get",
                    "--address", "tcp://" + server.address(), server.key, out.toString());
            assertThat(got.exit()).as("get after the flood: %s", got.err()).isZero();
            assertThat(Files.readAllBytes(out)).isEqualTo(CONTENT);
        } finally {
            server.close();
        }
    }

    /** True if the server has neither said anything on {@code s} nor closed it: a read finds nothing yet. */
    private static boolean stillOpen(Socket s) throws IOException {
        s.setSoTimeout(1);
        try {
            s.getInputStream().read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            s.setSoTimeout(0);
        }
    }

    /** What the server sends until it closes; the bound is a hang detector (a server that stopped accepting). */
    private static String readAll(Socket s) throws IOException {
        s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(120));
        StringBuilder sb = new StringBuilder();
        try (s) {
            InputStream in = s.getInputStream();
            for (int b; (b = in.read()) >= 0; ) {
                sb.append((char) b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer and no close from the server in 120 s (got \"" + sb + "\")", e);
        } catch (IOException e) {
            // A reset after the server's close: what came before it is the answer.
        }
        return sb.toString();
    }

    /** A served repository holding one file, and the server process. */
    private static final class Server implements AutoCloseable {
        final RunningCommand process;
        final int port;
        final String token;
        final String key;

        private Server(RunningCommand process, int port, String token, String key) {
            this.process = process;
            this.port = port;
            this.token = token;
            this.key = key;
        }

        static Server start(Path tmp, String... limits) throws Exception {
            Path repo = GitAnnex.initRepo(tmp.resolve("served"), "served");
            String key = GitAnnex.addFile(repo, "wanted.txt", CONTENT);
            String token = AnnexP2p.run(repo, Map.of(), "token", "--repo", repo.toString()).ok().out().trim();
            RunningCommand p = Command.java("-jar", AnnexP2p.jar().toString(), "serve", "--repo", repo.toString(),
                    "--listen", "127.0.0.1:0").args(limits).in(repo).log(tmp.resolve("serve.log")).start();
            return new Server(p, Integer.parseInt(p.awaitErr(LISTENING, Duration.ofSeconds(60))), token, key);
        }

        String address() {
            return "127.0.0.1:" + port;
        }

        Socket connect() throws IOException {
            return new Socket(InetAddress.getLoopbackAddress(), port);
        }

        String stderr() {
            return process.err();
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
