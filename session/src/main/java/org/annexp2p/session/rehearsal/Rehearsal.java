package org.annexp2p.session.rehearsal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.GitRelays;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Server;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.Ingest;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.repository.Repository;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.stdio.StdioConnection;
import org.annexp2p.transports.tcp.TcpTransport;

/**
 * What the commands that start often do, in small, for a JVM that writes every class it loaded into a class-data
 * archive ({@code cli/class-data-archives.sh} runs it at build time through the cli's {@code ClassDataTraining}).
 * {@link #ssh}: what git-annex runs once per ssh connection ({@code configlist}, {@code p2pstdio}, alone and through
 * {@code -c}) and a p2pstdio session. {@link #commands}: every command's picocli model and the client commands
 * talking to a TCP server. {@link #wormhole}: every command's model and a wormhole send and receive of a file and of
 * a text (through a mailbox in this JVM). Three archives, not one: the JDK maps an archive at a random address and
 * relocates all of it at every start, so p2pstdio in one archive for everything started measurably slower, and the
 * wormhole's classes, as many again as the other commands', slowed their start too (docs/performance.md).
 *
 * <p>A class left out only starts slower, never wrongly; so a step that fails says so on stderr and the rest still
 * run. In {@code ssh}, standard input must be at its end (the build gives it none) and standard output must not be
 * the protocol of anyone: the last step serves p2pstdio on them, as git-annex would.
 */
public final class Rehearsal {

    /** The command-line tool rehearsed: it runs a command line, builds every command's model and words a failure. */
    public interface Tool {
        int run(String... argv);

        void models();

        String words(Throwable failure);
    }

    /** Content the conversations move: more than one protocol DATA chunk. */
    private static final int CONTENT_BYTES = 300 * 1024;

    private final Tool tool;

    public Rehearsal(Tool tool) {
        this.tool = tool;
    }

    /** git-annex's ssh connections, in {@code dir}. */
    public void ssh(Path dir) {
        if (!gitInstalled()) {
            // p2pstdio serves git repositories only; without git there is nothing to rehearse.
            System.err.println("annex-p2p: class-data training: git is not installed; no p2pstdio rehearsal");
            return;
        }
        Path server = dir.resolve("server");
        step("repository", () -> repository(server));
        step("p2pstdio conversation", () -> p2pstdioConversation(AnnexRepository.open(server)));
        step("configlist", () -> tool.run("configlist", server.toString()));
        step("-c configlist", () -> tool.run("-c", "git-annex-shell 'configlist' '" + server + "'"));
        // Last: it takes this process's standard input and output for the protocol.
        step("p2pstdio", () -> tool.run("-c", "git-annex-shell 'p2pstdio' '" + server + "' '" + Uuid.random().value() + "'"));
    }

    /**
     * One git-annex-style session with a p2pstdio server, served as the shell module's p2pstdio serves it, on a connection
     * whose input is the client's side of it written out in advance (no client code runs, so none is archived):
     * checkpresent, lock, get, remove, checkpresent of the removed key, put. Each request waits for the one before it, so a script is enough.
     */
    private static void p2pstdioConversation(AnnexRepository server) throws Exception {
        byte[] content = content();
        Key key = store(server, content);
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        client.writeBytes(("VERSION 1\n"
                + "CHECKPRESENT " + key + "\n"
                + "LOCKCONTENT " + key + "\n"
                + "UNLOCKCONTENT\n"
                + "GET 0 training.bin " + key + "\n"
                + "SUCCESS\n"
                + "REMOVE " + key + "\n"
                // As git-annex's copy --to asks before each PUT: the FAILURE answer takes code the others do not.
                + "CHECKPRESENT " + key + "\n"
                + "PUT training.bin " + key + "\n"
                + "DATA " + content.length + "\n").getBytes(StandardCharsets.US_ASCII));
        client.writeBytes(content);
        client.writeBytes("VALID\n".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream answers = new ByteArrayOutputStream();
        Connection c = new StdioConnection(new ByteArrayInputStream(client.toByteArray()), answers, "training");
        try (RepositoryLocal local = new RepositoryLocal(server)) {
            new Full(StreamNet.over(c, AuthCheck.REFUSE_ALL, Relays.NONE, Transcript.NONE), local)
                    .run(Server.serveStdio(ServerMode.READ_WRITE, server.uuid()));
        }
        String said = answers.toString(StandardCharsets.ISO_8859_1);
        if (!said.endsWith("PUT-FROM 0\nSUCCESS\n")) {
            System.err.println("annex-p2p: class-data training: the p2pstdio session did not end in a stored PUT: "
                    + said.substring(Math.max(0, said.length() - 200)).replace("\n", "\\n"));
        }
    }

    /** The other commands, in {@code dir}. */
    public void commands(Path dir) {
        // Every command's picocli model, as --help and a misspelt command build them.
        step("command models", tool::models);
        boolean git = gitInstalled();
        Path server = dir.resolve("server");
        Path client = dir.resolve("client");
        if (git) {
            step("repositories", () -> {
                repository(server);
                repository(client);
            });
        } else {
            System.err.println("annex-p2p: class-data training: git is not installed; serving an in-memory repository");
        }
        step("client commands over TCP", () -> clientCommands(dir, git ? server : null, git ? client : null));
    }

    /** {@code wormhole send} and {@code receive}, in {@code dir}. */
    public void wormhole(Path dir) {
        step("command models", tool::models);
        WormholeRehearsal wormhole = new WormholeRehearsal(tool, dir);
        step("wormhole file transfer", () -> wormhole.file(content()));
        step("wormhole text transfer", wormhole::text);
    }

    /**
     * put, checkpresent, lock, get, remove and a bad key, as a user or a script runs them, against a repository
     * served as {@code serve --listen} serves it: {@code serverDir} and {@code clientDir}, or in-memory ones when
     * they are null.
     */
    private void clientCommands(Path dir, Path serverDir, Path clientDir) throws Exception {
        AuthToken token = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        Repository repository = serverDir == null ? new MemoryRepository(Uuid.random()) : AnnexRepository.open(serverDir);
        Relays relays = serverDir == null ? Relays.NONE : new GitRelays(serverDir, null, null);
        Serving.AcceptedTokens tokens = () -> List.of(token);
        if (repository instanceof AnnexRepository annex) {
            // As serve reads them: from the repository's creds, for every connection.
            annex.creds().addAcceptedToken(token);
            tokens = () -> annex.creds().acceptedTokens();
        }
        Serving serving = new Serving(repository, ServerMode.READ_WRITE, tokens, relays, Transcript.NONE);
        byte[] bytes = content();
        Path file = dir.resolve("content.bin");
        Files.write(file, bytes);
        String key = key(bytes).toString();
        try (TcpTransport tcp = new TcpTransport();
                ConnectionServer listening = ConnectionServer.start(tcp.listen("127.0.0.1:0"), serving,
                        ServerOptions.of(4, "ERROR too many connections\n"))) {
            // The token is an argument only inside this JVM: no other process sees it.
            List<String> peer = new ArrayList<>(List.of("--address", "tcp://" + listening.address(), "--token", token.reveal()));
            if (clientDir != null) {
                peer.addAll(List.of("--repo", clientDir.toString()));
            }
            run("put", peer, key, file.toString());
            run("checkpresent", peer, key);
            run("lock", peer, key);
            run("get", peer, key, dir.resolve("got.bin").toString());
            run("remove", peer, key);
            tool.run("put", "--address", "tcp://" + listening.address(), "not-a-key");
        }
    }

    private void run(String command, List<String> peer, String... rest) {
        String[] argv = Stream.concat(Stream.concat(Stream.of(command), peer.stream()), Stream.of(rest)).toArray(String[]::new);
        int exit = tool.run(argv);
        if (exit != 0) {
            System.err.println("annex-p2p: class-data training: " + command + " exited with " + exit);
        }
    }

    private static byte[] content() {
        byte[] bytes = new byte[CONTENT_BYTES];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + (i >>> 8));
        }
        return bytes;
    }

    private static Key key(byte[] bytes) throws Exception {
        return Ingest.keyOf(() -> new ByteArrayInputStream(bytes), ".bin");
    }

    /** {@code bytes} as the content of their SHA256E key in {@code repository}'s object store. */
    private static Key store(Repository repository, byte[] bytes) throws Exception {
        return Ingest.sha256e(repository, () -> new ByteArrayInputStream(bytes), ".bin");
    }

    /** What `git annex init` records, by hand (as the demo does): the build needs git, never git-annex. */
    private static void repository(Path dir) throws IOException {
        AnnexRepository.create(dir);
    }

    private interface Step {
        void run() throws Exception;
    }

    private void step(String name, Step step) {
        try {
            step.run();
        } catch (Exception | LinkageError e) {
            System.err.println("annex-p2p: class-data training: " + name + " failed: " + tool.words(e));
        }
    }

    private static boolean gitInstalled() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "git"))) {
                return true;
            }
        }
        return false;
    }
}
