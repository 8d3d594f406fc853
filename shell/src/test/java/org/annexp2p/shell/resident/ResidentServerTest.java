package org.annexp2p.shell.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.shell.RestrictedShell;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ResidentServerTest {
    static final Set<String> TOOL = Set.of("get", "put", "serve", "token", "shell-server", "help", "p2pstdio", "configlist");

    @TempDir
    Path tmp;

    private final List<ResidentServer> servers = new ArrayList<>();
    private final List<Thread> serving = new ArrayList<>();
    private final AtomicReference<Object> build = new AtomicReference<>("build 1");

    private ResidentServer.Settings settings(int maxSessions, Duration deadline, int maxRequests,
            ResidentServer.PeerCredentials peer) {
        return new ResidentServer.Settings(maxSessions, Optional.empty(), deadline, maxRequests, TOOL,
                Throwable::getMessage, err -> Transcript.NONE, build::get, peer);
    }

    private ResidentServer.Settings settings() {
        return settings(64, Duration.ofSeconds(30), 16, ResidentServer.PeerCredentials.SO_PEERCRED);
    }

    private SocketDirectory directory() throws IOException {
        return new SocketDirectory(tmp.resolve("annex-p2p"), SocketDirectory.realUid());
    }

    private ResidentServer serve(ResidentServer.Settings settings) throws IOException {
        ResidentServer server = ResidentServer.start(directory(), settings);
        servers.add(server);
        Thread t = new Thread(() -> {
            try {
                server.serve();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "test server");
        t.setDaemon(true);
        t.start();
        serving.add(t);
        return server;
    }

    @AfterEach
    void stop() throws InterruptedException {
        servers.forEach(ResidentServer::stop);
        for (Thread t : serving) {
            t.join(10_000);
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", tmp.toString());
        env.put("PATH", System.getenv("PATH"));
        return env;
    }

    private TestClient.Ran session(ResidentServer server, List<String> argv, Map<String, String> env) throws IOException {
        return session(server.socket(), argv, env);
    }

    private TestClient.Ran session(Path socket, List<String> argv, Map<String, String> env) throws IOException {
        try (TestClient c = new TestClient(socket)) {
            c.request(argv, env, tmp);
            assertThat(c.answer()).isEqualTo(new Frame.Started());
            c.send(new Frame.Closed());
            return c.rest();
        }
    }

    private Object answerTo(ResidentServer server, List<String> argv, Map<String, String> env) throws IOException {
        try (TestClient c = new TestClient(server.socket())) {
            c.request(argv, env, tmp);
            return c.answer();
        }
    }

    /** The direct path: RestrictedShell.run with printing streams, as Main gives it. */
    private TestClient.Ran direct(List<String> argv, Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit = RestrictedShell.run(argv, env, new RestrictedShell.Io(o, e, Throwable::getMessage, false, Transcript.NONE));
        return new TestClient.Ran(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), exit);
    }

    @Test
    void configlistGivesWhatTheDirectPathGives() throws IOException {
        TemporaryRepository repo = TemporaryRepository.annex(tmp.resolve("repo"), "served");
        ResidentServer server = serve(settings());
        for (List<String> argv : List.of(List.of("configlist", repo.dir().toString()),
                List.of("-c", "git-annex-shell 'configlist' '" + repo.dir() + "'"),
                List.of("configlist", tmp.resolve("absent").toString()),
                List.of("configlist", repo.dir().toString(), "--uuid", "00000000-0000-0000-0000-000000000000"))) {
            TestClient.Ran served = session(server, argv, env());
            assertThat(served).as("%s", argv).isEqualTo(direct(argv, env()));
        }
        assertThat(session(server, List.of("configlist", repo.dir().toString()), env()).out())
                .isEqualTo("annex.uuid=" + repo.uuid() + "\ncore.gcrypt-id=\n");
    }

    /** Starts a p2pstdio session on {@code c} in {@code env}, through AUTH-SUCCESS and VERSION 1. */
    private void startP2pstdio(TestClient c, TemporaryRepository repo, Map<String, String> env) throws IOException {
        c.request(List.of("p2pstdio", repo.dir().toString(), "11111111-1111-1111-1111-111111111111"), env, tmp);
        assertThat(c.answer()).isEqualTo(new Frame.Started());
        assertThat(c.line()).isEqualTo("AUTH-SUCCESS " + repo.uuid());
        c.stdin("VERSION 1\n");
        assertThat(c.line()).isEqualTo("VERSION 1");
    }

    @Test
    void p2pstdioSpeaksOverTheSessionStreams() throws IOException {
        TemporaryRepository repo = TemporaryRepository.annex(tmp.resolve("repo"), "served");
        ResidentServer server = serve(settings());
        try (TestClient c = new TestClient(server.socket())) {
            startP2pstdio(c, repo, env());
            c.stdin("CHECKPRESENT SHA256E-s3--ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n");
            assertThat(c.line()).isEqualTo("FAILURE");
            c.send(new Frame.Closed());
            assertThat(c.rest().exit()).isZero();
        }
    }

    @Test
    void concurrentSessionsKeepToTheirOwnStreams() throws IOException {
        TemporaryRepository a = TemporaryRepository.annex(tmp.resolve("a"), "a");
        TemporaryRepository b = TemporaryRepository.annex(tmp.resolve("b"), "b");
        ResidentServer server = serve(settings());
        try (TestClient ca = new TestClient(server.socket()); TestClient cb = new TestClient(server.socket())) {
            ca.request(List.of("p2pstdio", a.dir().toString(), "11111111-1111-1111-1111-111111111111"), env(), tmp);
            cb.request(List.of("p2pstdio", b.dir().toString(), "11111111-1111-1111-1111-111111111111"), env(), tmp);
            assertThat(ca.answer()).isEqualTo(new Frame.Started());
            assertThat(cb.answer()).isEqualTo(new Frame.Started());
            assertThat(cb.line()).isEqualTo("AUTH-SUCCESS " + b.uuid());
            assertThat(ca.line()).isEqualTo("AUTH-SUCCESS " + a.uuid());
            cb.stdin("VERSION 1\n");
            ca.stdin("VERSION 0\n");
            assertThat(ca.line()).isEqualTo("VERSION 0");
            assertThat(cb.line()).isEqualTo("VERSION 1");
            ca.send(new Frame.Closed());
            assertThat(ca.rest()).isEqualTo(new TestClient.Ran("", "", 0));
            // b is still served after a has ended.
            cb.stdin("VERSION 1\n");
            assertThat(cb.line()).isEqualTo("VERSION 1");
            cb.send(new Frame.Closed());
            assertThat(cb.rest().exit()).isZero();
        }
    }

    @Test
    void theSessionsEnvironmentDecidesNotTheServers() throws IOException {
        ResidentServer server = serve(settings());
        TemporaryRepository repo = TemporaryRepository.annex(tmp.resolve("repo"), "served");
        List<String> write = List.of("-c", "git-annex-shell 'dropkey' '" + repo.dir() + "' 'KEY'");
        Map<String, String> readOnly = env();
        readOnly.put("GIT_ANNEX_SHELL_READONLY", "1");
        TestClient.Ran refused = session(server, write, readOnly);
        assertThat(refused.err()).isEqualTo("annex-p2p: Action blocked by GIT_ANNEX_SHELL_READONLY\n");
        assertThat(refused.exit()).isEqualTo(1);
        TestClient.Ran allowed = session(server, write, env());
        assertThat(allowed.err()).startsWith("annex-p2p: dropkey is not supported");
    }

    @Test
    void aServersOwnEnvironmentReachesNoSession() throws Exception {
        Path commands = Files.createDirectories(tmp.resolve("git-shell-commands"));
        Path show = commands.resolve("show-env");
        Files.writeString(show, "#!/bin/sh\nenv\n");
        Files.setPosixFilePermissions(show, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServerInItsOwnJvm.class.getName(), tmp.resolve("annex-p2p").toString());
        pb.environment().put("GIT_ANNEX_SHELL_READONLY", "1");
        pb.environment().put("ANNEX_P2P_SERVER_MARK", "of the server");
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process server = pb.start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8)).readLine()).isEqualTo("serving");
            Path socket = directory().socket();
            // Unset in the session, though set in the server: a write is allowed, and git-shell sees neither variable.
            TestClient.Ran allowed = session(socket, List.of("-c", "show-env"), env());
            assertThat(allowed.exit()).isZero();
            assertThat(allowed.out()).contains("HOME=" + tmp).doesNotContain("GIT_ANNEX_SHELL_READONLY")
                    .doesNotContain("ANNEX_P2P_SERVER_MARK");
            // Set in the session: refused.
            Map<String, String> readOnly = env();
            readOnly.put("GIT_ANNEX_SHELL_READONLY", "1");
            TestClient.Ran refused = session(socket, List.of("-c", "show-env"), readOnly);
            assertThat(refused.err()).startsWith("annex-p2p: Action blocked by GIT_ANNEX_SHELL_READONLY");
            assertThat(refused.exit()).isEqualTo(1);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void gitShellRunsWithTheSessionsEnvironmentAloneAndItsDirectory() throws IOException {
        Path commands = Files.createDirectories(tmp.resolve("git-shell-commands"));
        Path show = commands.resolve("show-env");
        Files.writeString(show, "#!/bin/sh\nenv\necho to-stderr >&2\nexit 3\n");
        Files.setPosixFilePermissions(show, PosixFilePermissions.fromString("rwx------"));
        String serverOnly = System.getenv().keySet().stream().filter(k -> !env().containsKey(k)).findFirst().orElseThrow();
        ResidentServer server = serve(settings());
        Map<String, String> env = env();
        env.put("ANNEX_P2P_SESSION_MARK", "from the session");
        TestClient.Ran ran = session(server, List.of("-c", "show-env"), env);
        assertThat(ran.out().lines()).contains("ANNEX_P2P_SESSION_MARK=from the session", "HOME=" + tmp);
        assertThat(ran.out().lines()).noneMatch(l -> l.startsWith(serverOnly + "="));
        assertThat(ran.err()).contains("to-stderr");
        // git-shell's failure is the shell's exit 1, as on the direct path.
        assertThat(ran.exit()).isEqualTo(1);
        // A relative repository is found from the session's directory (this JVM's is elsewhere).
        TemporaryRepository.annex(tmp.resolve("repo"), "served");
        assertThat(Path.of("").toAbsolutePath()).isNotEqualTo(tmp);
        TestClient.Ran pack = session(server, List.of("-c", "git-upload-pack 'repo'"), env);
        assertThat(pack.out()).contains("refs/heads/git-annex");
    }

    @Test
    void aGitShellNotOnTheSessionsPathIsSaidInOneLine() throws IOException {
        TemporaryRepository.annex(tmp.resolve("repo"), "served");
        ResidentServer server = serve(settings());
        Map<String, String> env = env();
        env.put("PATH", Files.createDirectories(tmp.resolve("no-git-here")).toString());
        TestClient.Ran ran = session(server, List.of("-c", "git-upload-pack 'repo'"), env);
        assertThat(ran.err()).isEqualTo("annex-p2p: cannot start git-shell on the ssh session's PATH (not found): git"
                + " provides it; install git there, or make it reachable on that PATH\n");
        assertThat(ran.exit()).isEqualTo(1);
        assertThat(ran.out()).isEmpty();
    }

    @Test
    void configlistReadsGitConfigInTheSessionsEnvironment() throws IOException {
        TemporaryRepository repo = TemporaryRepository.annex(tmp.resolve("repo"), "served");
        ResidentServer server = serve(settings());
        List<String> configlist = List.of("configlist", repo.dir().toString());
        Map<String, String> overridden = env();
        overridden.put("GIT_CONFIG_COUNT", "1");
        overridden.put("GIT_CONFIG_KEY_0", "annex.uuid");
        overridden.put("GIT_CONFIG_VALUE_0", "0f6a7c3e-1b2d-4e5f-8a9b-0c1d2e3f4a5b");
        assertThat(session(server, configlist, overridden).out())
                .isEqualTo("annex.uuid=0f6a7c3e-1b2d-4e5f-8a9b-0c1d2e3f4a5b\ncore.gcrypt-id=\n");
        // Not set in the next session: not in its answer either (nor saved from the one before).
        assertThat(session(server, configlist, env()).out()).isEqualTo("annex.uuid=" + repo.uuid() + "\ncore.gcrypt-id=\n");
        // A session whose global git config (in its HOME) sets a layout we refuse: refused there, not elsewhere.
        Path home = Files.createDirectories(tmp.resolve("other-home"));
        Files.writeString(home.resolve(".gitconfig"), "[annex \"tune\"]\n\tobjecthash1 = true\n");
        Map<String, String> otherHome = env();
        otherHome.put("HOME", home.toString());
        TestClient.Ran refused = session(server, configlist, otherHome);
        assertThat(refused.out()).isEqualTo("annex.uuid=\ncore.gcrypt-id=\n");
        assertThat(refused.err()).contains("uses annex.tune.objecthash1");
        assertThat(session(server, configlist, env()).out()).isEqualTo("annex.uuid=" + repo.uuid() + "\ncore.gcrypt-id=\n");
    }

    /** A {@code NAME} in {@code dir} that appends its arguments and $SESSION_MARK to $SEEN, then runs the real one. */
    private static void wrapper(Path dir, String name) throws IOException {
        Path real = org.annexp2p.repository.GitEnvironment.of(System.getenv(), Path.of("/")).find(name).orElseThrow();
        Path wrapper = Files.createDirectories(dir).resolve(name);
        Files.writeString(wrapper, "#!/bin/sh\necho \"$SESSION_MARK: " + name + " $*\" >> \"$SEEN\"\nexec " + real + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void theSessionsPathFindsGitAndGitShellAndTheyGetTheSessionsVariables() throws IOException {
        TemporaryRepository repo = TemporaryRepository.annex(tmp.resolve("repo"), "served");
        Path bin = tmp.resolve("session-bin");
        wrapper(bin, "git");
        wrapper(bin, "git-shell");
        Path seen = tmp.resolve("seen");
        ResidentServer server = serve(settings());
        Map<String, String> env = env();
        env.put("PATH", bin + ":" + env.get("PATH"));
        env.put("SEEN", seen.toString());
        env.put("SESSION_MARK", "from the session");

        TestClient.Ran configlist = session(server, List.of("configlist", repo.dir().toString()), env);
        assertThat(configlist.out()).isEqualTo("annex.uuid=" + repo.uuid() + "\ncore.gcrypt-id=\n");
        TestClient.Ran pack = session(server, List.of("-c", "git-upload-pack 'repo'"), env);
        assertThat(pack.out()).contains("refs/heads/git-annex");
        assertThat(Files.readAllLines(seen)).anyMatch(l -> l.startsWith("from the session: git --git-dir=") && l.contains(" config "))
                .contains("from the session: git-shell -c git-upload-pack 'repo'");
    }

    /** This JVM's descendants whose environment holds {@code entry} (read from /proc: they are this user's). */
    private static List<ProcessHandle> descendantsWith(String entry) {
        byte[] wanted = entry.getBytes(StandardCharsets.UTF_8);
        return ProcessHandle.current().descendants().filter(p -> {
            try {
                byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ"));
                for (String e : new String(environ, StandardCharsets.UTF_8).split("\0")) {
                    if (e.equals(entry)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException gone) {
                return false;
            }
        }).toList();
    }

    /** A PUT of {@code content} through a p2pstdio session in {@code env}: storing it reads the git-annex branch. */
    private void put(ResidentServer server, TemporaryRepository repo, Map<String, String> env, String content) throws IOException {
        try (TestClient c = new TestClient(server.socket())) {
            startP2pstdio(c, repo, env);
            c.stdin("PUT file " + new Key(content) + "\n");
            assertThat(c.line()).isEqualTo("PUT-FROM 0");
            c.stdin("DATA " + content.length() + "\n" + content + "VALID\n");
            assertThat(c.line()).isEqualTo("SUCCESS");
            c.send(new Frame.Closed());
            assertThat(c.rest().exit()).isZero();
        }
    }

    /** A SHA256E key of a short text. */
    private record Key(String content) {
        @Override
        public String toString() {
            try {
                byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
                return "SHA256E-s" + content.length() + "--" + java.util.HexFormat.of().formatHex(d);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static ProcessHandle catFileWith(String entry) {
        List<ProcessHandle> readers = descendantsWith(entry);
        assertThat(readers).singleElement()
                .satisfies(p -> assertThat(p.info().arguments().map(List::of).orElseThrow()).contains("cat-file", "--batch"));
        return readers.get(0);
    }

    @Test
    void aSessionsGitAnnexBranchReaderRunsInItsEnvironmentAndIsSharedOnlyWithSessionsThatDifferByConnection()
            throws IOException {
        TemporaryRepository repo = TemporaryRepository.annex(tmp.resolve("repo"), "served");
        ResidentServer server = serve(settings());
        Map<String, String> first = env();
        first.put("SESSION_MARK", "reader " + tmp);
        first.put("SSH_CLIENT", "192.0.2.1 50000 22");
        put(server, repo, first, "abc");
        ProcessHandle reader = catFileWith("SESSION_MARK=reader " + tmp);
        assertThat(descendantsWith("SSH_CLIENT=192.0.2.1 50000 22")).as("what tells connections apart is not git's").isEmpty();

        Map<String, String> second = new HashMap<>(first);
        second.put("SSH_CLIENT", "192.0.2.2 50001 22");
        put(server, repo, second, "def");
        assertThat(catFileWith("SESSION_MARK=reader " + tmp).pid()).as("another connection, the same reader")
                .isEqualTo(reader.pid());

        Map<String, String> other = new HashMap<>(first);
        other.put("SESSION_MARK", "other " + tmp);
        put(server, repo, other, "ghi");
        assertThat(catFileWith("SESSION_MARK=other " + tmp).pid()).as("another environment, a reader of its own")
                .isNotEqualTo(reader.pid());
        assertThat(catFileWith("SESSION_MARK=reader " + tmp).pid()).isEqualTo(reader.pid());
    }

    @Test
    void theWarningsASessionCausesGoToItsStderr() throws IOException {
        TemporaryRepository repo = TemporaryRepository.annex(tmp.resolve("repo"), "served");
        ResidentServer server = serve(settings());
        try (TestClient c = new TestClient(server.socket())) {
            startP2pstdio(c, repo, env());
            c.stdin("CHECKPRESENT WORM-s1--" + "x".repeat(300) + "\n");
            assertThat(c.line()).isEqualTo("FAILURE");
            c.stdin("NONSENSE\n");
            c.send(new Frame.Closed());
            TestClient.Ran rest = c.rest();
            assertThat(rest.err().lines()).hasSize(2).first().asString()
                    .startsWith("annex-p2p: refusing key \"WORM-s1--xxx").contains("name too long");
            assertThat(rest.err().lines()).element(1).asString().startsWith("annex-p2p: unparseable line from the peer: ");
        }
    }

    @Test
    void aCommandLineThatIsNotTheShellsIsAnsweredB() throws IOException {
        ResidentServer server = serve(settings());
        Map<String, String> limited = env();
        limited.put("GIT_ANNEX_SHELL_LIMITED", "1");
        for (List<String> argv : List.<List<String>>of(List.of("get", "--exec", "sh", "KEY", "out"), List.of("shell-server"), List.of(),
                List.of("p2pstdio", "--help"), List.of("git-remote-tor-annex", "origin", "x"))) {
            assertThat(answerTo(server, argv, env())).as("%s", argv).isEqualTo(new Frame.Busy("not a shell command line"));
        }
        assertThat(answerTo(server, List.of("shell-server"), limited)).isEqualTo(new Frame.Busy("not a shell command line"));
    }

    @Test
    void badEntriesAndVersionsAreAnsweredB() throws IOException {
        ResidentServer server = serve(settings());
        Map<String, String> nul = env();
        nul.put("X", "a\0b");
        assertThat(answerTo(server, List.of("configlist", "/x"), nul)).isInstanceOf(Frame.Busy.class);
        assertThat(answerTo(server, List.of("configlist", "/x\0y"), env())).isInstanceOf(Frame.Busy.class);
        try (TestClient c = new TestClient(server.socket())) {
            c.send(new Frame.Hello(Frame.VERSION));
            c.send(new Frame.Env("NOEQUALS"));
            c.send(new Frame.Directory("/"));
            c.send(new Frame.Go());
            assertThat(c.answer()).isInstanceOf(Frame.Busy.class);
        }
        try (TestClient c = new TestClient(server.socket())) {
            c.send(new Frame.Hello("annex-p2p-shell 2"));
            c.send(new Frame.Directory("/"));
            c.send(new Frame.Go());
            assertThat(c.answer()).isEqualTo(new Frame.Busy("unsupported version"));
        }
        try (TestClient c = new TestClient(server.socket())) {
            c.request(List.of("configlist", "/x"), env(), Path.of("relative"));
            assertThat(c.answer()).isInstanceOf(Frame.Busy.class);
        }
    }

    @Test
    void beyondTheSessionCapTheAnswerIsB() throws IOException {
        TemporaryRepository repo = TemporaryRepository.annex(tmp.resolve("repo"), "served");
        ResidentServer server = serve(settings(1, Duration.ofSeconds(30), 16, ResidentServer.PeerCredentials.SO_PEERCRED));
        List<String> p2p = List.of("p2pstdio", repo.dir().toString(), "11111111-1111-1111-1111-111111111111");
        try (TestClient first = new TestClient(server.socket())) {
            first.request(p2p, env(), tmp);
            assertThat(first.answer()).isEqualTo(new Frame.Started());
            assertThat(answerTo(server, p2p, env())).isEqualTo(new Frame.Busy("at the session cap (1)"));
            first.send(new Frame.Closed());
            assertThat(first.rest().exit()).isZero();
        }
        // The slot is free again once the session has ended.
        assertThat(session(server, List.of("configlist", repo.dir().toString()), env()).exit()).isZero();
    }

    @Test
    void aClientGoneBeforeItsBFreesNoSessionSlot() throws Exception {
        TemporaryRepository repo = TemporaryRepository.annex(tmp.resolve("repo"), "served");
        ResidentServer server = serve(settings(1, Duration.ofSeconds(30), 16, ResidentServer.PeerCredentials.SO_PEERCRED));
        for (int i = 0; i < 3; i++) {
            try (TestClient refused = new TestClient(server.socket())) {
                // A unix socket whose reading side is shut makes the server's write of 'B' fail (EPIPE), every time.
                refused.channel.shutdownInput();
                refused.request(List.of("shell-server"), env(), tmp);
                // The server closes the connection once it has tried to answer: our writes then fail. Until then
                // they fill the socket's buffer, where a blocking write waits for the close (the class's timeout
                // bounds it).
                assertThatThrownBy(() -> {
                    while (true) {
                        refused.send(new Frame.Closed());
                    }
                }).isInstanceOf(IOException.class);
            }
        }
        List<String> p2p = List.of("p2pstdio", repo.dir().toString(), "11111111-1111-1111-1111-111111111111");
        try (TestClient first = new TestClient(server.socket())) {
            first.request(p2p, env(), tmp);
            assertThat(first.answer()).isEqualTo(new Frame.Started());
            assertThat(answerTo(server, p2p, env())).isEqualTo(new Frame.Busy("at the session cap (1)"));
            first.send(new Frame.Closed());
            assertThat(first.rest().exit()).isZero();
        }
    }

    @Test
    void aRequestThatBreaksTheProtocolIsClosedWithoutAnAnswer() throws IOException {
        ResidentServer server = serve(settings());
        try (TestClient c = new TestClient(server.socket())) {
            c.sendRaw(new byte[] {'Z', 0, 0, 0, 0});
            assertThat(c.closedSilently()).isTrue();
        }
        try (TestClient c = new TestClient(server.socket())) {
            c.send(new Frame.Hello(Frame.VERSION));
            c.sendRaw(new byte[] {'A', 0, 0x10, 0, 1});
            assertThat(c.closedSilently()).isTrue();
        }
        try (TestClient c = new TestClient(server.socket())) {
            // Out of order: an argument after the directory.
            c.sendAtOnce(new Frame.Hello(Frame.VERSION), new Frame.Directory("/"), new Frame.Arg("configlist"), new Frame.Go());
            assertThat(c.closedSilently()).isTrue();
        }
        try (TestClient c = new TestClient(server.socket())) {
            c.send(new Frame.Arg("configlist"));
            assertThat(c.closedSilently()).isTrue();
        }
    }

    @Test
    void aRequestOverTheLimitsIsClosed() throws IOException {
        ResidentServer server = serve(settings());
        try (TestClient c = new TestClient(server.socket())) {
            c.send(new Frame.Hello(Frame.VERSION));
            for (int i = 0; i < Request.MAX_FRAMES; i++) {
                c.send(new Frame.Arg("a"));
            }
            assertThat(c.closedSilently()).isTrue();
        }
        try (TestClient c = new TestClient(server.socket())) {
            c.send(new Frame.Hello(Frame.VERSION));
            String mib = "e".repeat(Frame.MAX_PAYLOAD);
            try {
                for (int i = 0; i < 5; i++) {
                    c.send(new Frame.Arg(mib));
                }
            } catch (IOException closedWhileWriting) {
                // The server closed before the rest was sent: the refusal itself.
            }
            assertThat(c.closedSilently()).isTrue();
        }
        // Just under both limits is served.
        try (TestClient c = new TestClient(server.socket())) {
            c.send(new Frame.Hello(Frame.VERSION));
            for (int i = 0; i < Request.MAX_FRAMES - 3; i++) {
                c.send(new Frame.Arg("a"));
            }
            c.send(new Frame.Directory("/"));
            c.send(new Frame.Go());
            assertThat(c.answer()).isEqualTo(new Frame.Busy("not a shell command line"));
        }
    }

    @Test
    void aRequestNotFinishedByTheDeadlineIsClosed() throws IOException {
        ResidentServer server = serve(settings(64, Duration.ofMillis(200), 16, ResidentServer.PeerCredentials.SO_PEERCRED));
        try (TestClient c = new TestClient(server.socket())) {
            try {
                c.sendAtOnce(new Frame.Hello(Frame.VERSION), new Frame.Arg("configlist"));
            } catch (IOException closedAlready) {
                // A client slower than the deadline to write its first frames finds the connection closed already.
            }
            assertThat(c.closedSilently()).isTrue();
        }
    }

    @Test
    void connectionsBeyondThoseStillSendingTheirRequestAreClosed() throws IOException {
        ResidentServer server = serve(settings(64, Duration.ofSeconds(30), 2, ResidentServer.PeerCredentials.SO_PEERCRED));
        try (TestClient a = new TestClient(server.socket()); TestClient b = new TestClient(server.socket())) {
            a.send(new Frame.Hello(Frame.VERSION));
            b.send(new Frame.Hello(Frame.VERSION));
            try (TestClient third = new TestClient(server.socket())) {
                assertThat(third.closedSilently()).isTrue();
            }
            a.send(new Frame.Directory("/"));
            a.send(new Frame.Go());
            assertThat(a.answer()).isEqualTo(new Frame.Busy("not a shell command line"));
        }
    }

    @Test
    void aPeerOfAnotherUserIsClosedWithNothingReadOrWritten() throws IOException {
        UserPrincipal other = tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        ResidentServer server = serve(settings(64, Duration.ofSeconds(30), 16, channel -> other));
        try (TestClient c = new TestClient(server.socket())) {
            try {
                c.request(List.of("configlist", "/x"), env(), tmp);
            } catch (IOException closedWhileWriting) {
                // Closed at once, as it should be.
            }
            assertThat(c.closedSilently()).isTrue();
        }
    }

    @Test
    void theDirectoryAndSocketArePrivateAndASecondServerIsRefused() throws IOException {
        ResidentServer server = serve(settings());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.socket()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.socket().getParent())))
                .isEqualTo("rwx------");
        assertThatThrownBy(() -> ResidentServer.start(directory(), settings()))
                .isInstanceOf(ResidentServer.CannotStart.class)
                .hasMessage("a shell server is already running on " + server.socket());
        // The first one still serves.
        assertThat(answerTo(server, List.of("get"), env())).isEqualTo(new Frame.Busy("not a shell command line"));
    }

    @Test
    void whenServeReturnsAfterAStopItsSocketIsGone() throws Exception {
        for (int i = 0; i < 20; i++) {
            ResidentServer server = ResidentServer.start(directory(), settings());
            Thread serving = new Thread(() -> {
                try {
                    server.serve();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "test server");
            serving.start();
            new Thread(server::stop, "stopper").start();
            serving.join(10_000);
            // What a command does when serve() returns: exit, whatever the thread that stopped it is still doing.
            assertThat(serving.isAlive()).isFalse();
            assertThat(server.socket()).as("round %d", i).doesNotExist();
        }
    }

    @Test
    void aStaleSocketIsReplaced() throws IOException {
        // What a server killed with SIGKILL leaves: a bound socket file nobody listens on.
        directory().prepare();
        java.nio.channels.ServerSocketChannel dead = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        dead.bind(java.net.UnixDomainSocketAddress.of(directory().socket()));
        dead.close();
        assertThat(directory().socket()).exists();
        ResidentServer server = serve(settings());
        assertThat(answerTo(server, List.of("get"), env())).isEqualTo(new Frame.Busy("not a shell command line"));
    }

    @Test
    void aClientThatGoesAwayEndsTheSessionAndItsGitShell() throws Exception {
        Path commands = Files.createDirectories(tmp.resolve("git-shell-commands"));
        Path wait = commands.resolve("wait");
        Files.writeString(wait, "#!/bin/sh\necho $$\nexec sleep 600\n");
        Files.setPosixFilePermissions(wait, PosixFilePermissions.fromString("rwx------"));
        ResidentServer server = serve(settings(1, Duration.ofSeconds(30), 16, ResidentServer.PeerCredentials.SO_PEERCRED));
        long pid;
        try (TestClient c = new TestClient(server.socket())) {
            c.request(List.of("-c", "wait"), env(), tmp);
            assertThat(c.answer()).isEqualTo(new Frame.Started());
            // The child's first line, its pid, comes through the session's stdout frames.
            StringBuilder line = new StringBuilder();
            while (line.indexOf("\n") < 0) {
                FrameCodec.Decoded d = c.next();
                assertThat(d).isInstanceOf(FrameCodec.Decoded.Read.class);
                if (((FrameCodec.Decoded.Read) d).frame() instanceof Frame.Output o) {
                    line.append(new String(o.bytes(), StandardCharsets.UTF_8));
                }
            }
            pid = Long.parseLong(line.toString().strip());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        }
        // Bounded by the class's timeout: the child must end once its client has gone.
        Optional<ProcessHandle> child = ProcessHandle.of(pid);
        if (child.isPresent()) {
            child.get().onExit().get();
        }
        // The session's slot (the cap is 1) is free again.
        TemporaryRepository repo = TemporaryRepository.annex(tmp.resolve("repo"), "served");
        assertThat(session(server, List.of("configlist", repo.dir().toString()), env()).exit()).isZero();
    }

    @Test
    void aRebuiltJarIsAnsweredBAndStopsTheServer() throws Exception {
        ResidentServer server = serve(settings());
        assertThat(answerTo(server, List.of("get"), env())).isEqualTo(new Frame.Busy("not a shell command line"));
        build.set("build 2");
        assertThat(answerTo(server, List.of("configlist", "/x"), env())).isEqualTo(new Frame.Busy("rebuilt"));
        serving.get(0).join();
        assertThat(server.socket()).doesNotExist();
        // The directory is free for the new build's server.
        build.set("build 3");
        ResidentServer next = serve(settings());
        assertThat(answerTo(next, List.of("get"), env())).isEqualTo(new Frame.Busy("not a shell command line"));
    }

    @Test
    void anIdleServerStops() throws Exception {
        ResidentServer server = ResidentServer.start(directory(), new ResidentServer.Settings(64,
                Optional.of(Duration.ofMillis(100)), Duration.ofSeconds(30), 16, TOOL, Throwable::getMessage,
                err -> Transcript.NONE, build::get, ResidentServer.PeerCredentials.SO_PEERCRED));
        server.serve();
        assertThat(server.socket()).doesNotExist();
    }
}
