package org.annexp2p.pairing.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.annexp2p.pairing.doctor.Check;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.repository.creds.CredsEntry;
import org.annexp2p.shell.resident.AnswerProbe;
import org.annexp2p.shell.resident.SocketDirectory;
import org.annexp2p.tor.TorOptions;
import org.annexp2p.tor.TorPolicy;
import org.annexp2p.tor.TorSession;
import org.annexp2p.tor.control.ControlAuth;
import org.annexp2p.transports.FailureWords;

/**
 * The checks of {@code annex-p2p doctor} beyond the LAN ones: tor, the onion address, the wormhole server,
 * git-annex, the resident shell server and the creds files. Each returns a {@link Check}; none starts a daemon or contacts the internet
 * unless the user configured that server.
 */
final class HostChecks {

    static final Duration PROGRAM_BOUND = Duration.ofSeconds(10);

    private HostChecks() {
    }

    static Check torPresent() throws IOException, InterruptedException {
        Optional<String> out = runProgram(List.of("tor", "--version"));
        if (out.isEmpty()) {
            return Check.fail("tor present", "no `tor` on PATH", "install the tor package for onion addresses");
        }
        return Check.ok("tor present", firstLine(out.get()));
    }

    /** Attaches to a running tor only if its control port answers; never launches one. */
    static Check torBootstrapped(Optional<String> control, Map<String, String> environment) throws Exception {
        String where = control.orElse(environment.getOrDefault(TorOptions.ENV_CONTROL, Doctor.DEFAULT_TOR_CONTROL));
        if (!where.startsWith("unix:")) {
            int colon = where.lastIndexOf(':');
            if (colon <= 0) {
                return Check.fail("tor bootstrapped", "the tor control address " + where + " is not HOST:PORT",
                        "give it as HOST:PORT or unix:PATH (--tor-control or $" + TorOptions.ENV_CONTROL + ")");
            }
            InetSocketAddress address = new InetSocketAddress(where.substring(0, colon).replaceAll("[\\[\\]]", ""),
                    Integer.parseInt(where.substring(colon + 1)));
            try (Socket probe = new Socket()) {
                probe.connect(address, 1000);
            } catch (IOException e) {
                return Check.skip("tor bootstrapped", "no tor control port answers at " + where + " (doctor never starts tor): " + FailureWords.of(e));
            }
        }
        TorOptions options = new TorOptions(TorPolicy.ATTACH, Optional.of(where), Optional.empty(),
                Path.of(System.getProperty("java.io.tmpdir")), Optional.empty(), ControlAuth.automatic(), Duration.ofSeconds(5),
                Duration.ofSeconds(5), environment);
        try (TorSession session = TorSession.open(options)) {
            var b = session.bootstrap();
            String detail = "tor at " + where + " is " + b.progress() + " % bootstrapped" + (b.summary().isEmpty() ? "" : " (" + b.summary() + ")");
            return b.progress() == 100 ? Check.ok("tor bootstrapped", detail) : Check.warn("tor bootstrapped", detail,
                    "wait for tor to finish; if it stays below 100 %, its log says why it cannot reach the network");
        }
    }

    static Check onionPublished(AnnexRepository repository) throws IOException {
        for (String address : repository.creds().ownAddresses()) {
            if (address.startsWith("tor-annex::")) {
                return Check.ok("onion published", "this repository's P2P address is " + address.replaceFirst(":[^:]*$", ":…")
                        + " (reachability needs a bootstrapped tor)");
            }
        }
        return Check.skip("onion published", "this repository has no onion address (run `annex-p2p enable-tor` for one)");
    }

    /** Only the server the user configured: without one there is nothing to contact. */
    static Check wormholeServer(Optional<String> relayUrl) {
        if (relayUrl.isEmpty() || relayUrl.get().isBlank()) {
            return Check.skip("wormhole server", "no server configured (--relay-url or $WORMHOLE_RELAY_URL); not contacting the public one");
        }
        URI uri;
        try {
            uri = URI.create(relayUrl.get().trim());
        } catch (IllegalArgumentException e) {
            return Check.fail("wormhole server", "not a URL: " + FailureWords.of(e), WORMHOLE_URL_FIX);
        }
        if (uri.getHost() == null) {
            return Check.fail("wormhole server", relayUrl.get() + " names no host", WORMHOLE_URL_FIX);
        }
        // A port that accepts TCP proves little (a transit relay's port does too): speak the mailbox protocol,
        // bind, and ask for the nameplate list, as a wormhole client's first round trip does.
        try (org.annexp2p.wormhole.mailbox.MailboxClient client = org.annexp2p.wormhole.mailbox.MailboxClient.connect(uri,
                org.annexp2p.wormhole.WormholeOptions.DEFAULT_APP_ID, org.annexp2p.wormhole.mailbox.MailboxClient.newSide(),
                WORMHOLE_CHECK_TIMEOUT)) {
            client.listNameplates();
            return Check.ok("wormhole server", uri + " answers as a Magic Wormhole mailbox server"
                    + client.motd().map(m -> " (its message: " + oneLineOf(m) + ")").orElse(""));
        } catch (org.annexp2p.wormhole.WormholeException e) {
            return Check.fail("wormhole server", uri + " does not answer as a Magic Wormhole mailbox server: " + FailureWords.of(e),
                    "check that the server runs there, or name another (--relay-url or $WORMHOLE_RELAY_URL)");
        }
    }

    private static final String WORMHOLE_URL_FIX = "give the server as ws://HOST:PORT/v1 (--relay-url or $WORMHOLE_RELAY_URL)";

    private static final java.time.Duration WORMHOLE_CHECK_TIMEOUT = java.time.Duration.ofSeconds(5);

    private static String oneLineOf(String text) {
        // The server's words, shown to a person: no terminal escapes or direction overrides get through.
        String line = text.strip().lines().findFirst().orElse("").codePoints()
                .map(c -> Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }

    static Check gitAnnex() throws IOException, InterruptedException {
        Optional<String> out = runProgram(List.of("git", "annex", "version", "--raw"));
        if (out.isEmpty() || out.get().isBlank()) {
            return Check.fail("git-annex present", "`git annex version` did not work", "install git-annex (10.20230126 or later)");
        }
        return Check.ok("git-annex present", "git-annex " + firstLine(out.get()));
    }

    /** Tokens and keys must be readable by the owner only; a file group or others may access is a failure. */
    static final String SHELL_SERVER = "shell server";

    /** As long as the forwarder waits for a server: one that systemd starts on this connection has a JVM to start. */
    static final Duration SHELL_SERVER_ANSWER = Duration.ofSeconds(10);

    /**
     * Whether a resident shell server answers where ssh sessions will look for it. Sessions look in the directory
     * their XDG_RUNTIME_DIR names, else in /tmp; a server started in one while the sessions look in the other is
     * never used, and nothing else would say so (each connection quietly starts a JVM instead).
     *
     * @param runUser where systemd makes users' runtime directories ({@link SocketDirectory#RUN_USER})
     * @param tmp where sessions without XDG_RUNTIME_DIR look ({@link SocketDirectory#TMP})
     */
    static Check shellServer(Map<String, String> environment, int uid, Path runUser, Path tmp) {
        return shellServer(environment, uid, runUser, tmp, SHELL_SERVER_ANSWER);
    }

    /** With {@code bound} for a server's answer (a test's is short). */
    static Check shellServer(Map<String, String> environment, int uid, Path runUser, Path tmp, Duration bound) {
        SocketDirectory here = SocketDirectory.of(environment, uid, tmp);
        AnswerProbe.Result asked = AnswerProbe.ask(here, bound);
        if (asked instanceof AnswerProbe.Result.Silent silent) {
            return Check.warn(SHELL_SERVER, "something accepts connections on " + here.socket() + ", but no shell server"
                    + " answered there (" + silent.why() + "): every ssh session waits for it, then starts a JVM of its"
                    + " own", "if systemd starts the server, `systemctl --user status annex-p2p-shell` and `journalctl"
                    + " --user -u annex-p2p-shell` say why it does not");
        }
        if (asked instanceof AnswerProbe.Result.Served) {
            Optional<String> elsewhere = SocketDirectory.sessionsLookElsewhere(environment, uid, runUser, tmp);
            if (elsewhere.isPresent()) {
                return Check.warn(SHELL_SERVER, "a shell server answers on " + here.socket() + "; " + elsewhere.get(),
                        "start it with XDG_RUNTIME_DIR=" + SocketDirectory.runtimeDir(runUser, uid)
                                + " (the systemd user unit in `annex-p2p shell-server --help` does)");
            }
            return Check.ok(SHELL_SERVER, "a shell server answers on " + here.socket());
        }
        for (SocketDirectory other : List.of(SocketDirectory.underRunUser(runUser, uid), SocketDirectory.withoutRuntimeDir(uid, tmp))) {
            if (!other.equals(here) && AnswerProbe.ask(other, bound) instanceof AnswerProbe.Result.Served) {
                return Check.warn(SHELL_SERVER, "a shell server answers on " + other.socket() + ", but sessions with "
                                + runtimeDir(environment) + " look for " + here.socket(),
                        "start the server with the XDG_RUNTIME_DIR that ssh sessions get");
            }
        }
        Optional<String> refused = here.refusal();
        if (refused.isPresent() && Files.exists(here.socket(), LinkOption.NOFOLLOW_LINKS)) {
            return Check.warn(SHELL_SERVER, "there is a socket at " + here.socket() + ", but no shell server will serve"
                    + " there: " + refused.get(), "make " + here.dir() + " this user's with mode 0700 (DirectoryMode=0700"
                    + " in a systemd socket unit)");
        }
        return Check.skip(SHELL_SERVER, "no shell server answers on " + here.socket()
                + " (optional: `annex-p2p shell-server` spares every ssh connection a JVM start)");
    }

    private static String runtimeDir(Map<String, String> environment) {
        String xdg = environment.get("XDG_RUNTIME_DIR");
        return xdg == null || xdg.isEmpty() ? "no XDG_RUNTIME_DIR" : "XDG_RUNTIME_DIR=" + xdg;
    }

    static Check credsPermissions(CredsDir creds) throws IOException {
        Optional<List<CredsEntry>> entries = creds.entries();
        if (entries.isEmpty()) {
            return Check.ok("creds permissions", "no creds files yet (" + creds + ")");
        }
        List<String> exposed = entries.get().stream().filter(CredsEntry::othersMayAccess).map(CredsEntry::toString).toList();
        if (!exposed.isEmpty()) {
            return Check.fail("creds permissions", "readable or writable by others: " + String.join(", ", exposed)
                    + " in " + creds, "run chmod 600 on them");
        }
        return Check.ok("creds permissions", entries.get().size() + " file(s) in " + creds + ", owner-only");
    }

    /** Stdout of a program that exited 0 within the bound; empty when missing, failing or hanging. */
    static Optional<String> runProgram(List<String> argv) throws IOException, InterruptedException {
        // Output goes to a file, not a pipe: a program that hangs with its stdout open cannot block us past the bound.
        Path out = Files.createTempFile("annex-p2p-doctor", ".out");
        Process p = null;
        try {
            try {
                p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            } catch (IOException e) {
                return Optional.empty();
            }
            if (!p.waitFor(PROGRAM_BOUND.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(out)) {
                return Optional.of(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
            }
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
            Files.deleteIfExists(out);
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
