package org.annexp2p.session.remote;

import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.annexp2p.interpreters.net.GitRelays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.Service;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.LooseFiles;
import org.annexp2p.repository.Repository;
import org.annexp2p.session.PeerFailure;
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.DialNotice;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.session.plugin.onion.OnionPlugin;
import org.annexp2p.session.plugin.onion.OnionRetry;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.transports.Connection;

/**
 * The library side of {@code git-remote-tor-annex}: git's remote-helper protocol as git-annex's helper speaks it
 * ({@code capabilities} → {@code connect}; {@code connect SERVICE} → AUTH, CONNECT, relay until CONNECTDONE) around
 * one {@link PeerSession}. The front end owns the process's streams and words the failures.
 */
public final class TorAnnexRemote {
    private TorAnnexRemote() {}

    /** The onion address in the URL git passes as the helper's second argument (any path before it ignored). */
    public static TorAnnexAddress address(List<String> args) throws IOException {
        if (args.size() < 2) {
            throw new IOException("remote address not configured");
        }
        String rest = args.get(1);
        rest = rest.substring(rest.lastIndexOf('/') + 1);
        if (!rest.contains(":")) {
            throw new IOException("onion address must include port number");
        }
        return new OnionPlugin(null).parse(OnionPlugin.SCHEME + rest).onion();
    }

    /**
     * Answers git's commands until it asks to connect: the service asked for (after the blank line that says we
     * connected), or empty when git ends the conversation first.
     */
    public static Optional<Service> awaitConnect(InputStream gitIn, OutputStream gitOut) throws IOException {
        while (true) {
            String line = readLine(gitIn);
            if (line == null || line.isEmpty()) {
                return Optional.empty();
            }
            if (line.equals("capabilities")) {
                gitOut.write("connect\n\n".getBytes(StandardCharsets.US_ASCII));
                gitOut.flush();
            } else if (line.startsWith("connect ")) {
                Service service = Service.parse(line.substring("connect ".length()))
                        .getOrElseThrow(() -> new IOException("gitremote-helpers protocol error at " + line));
                gitOut.write('\n');
                gitOut.flush();
                return Optional.of(service);
            } else {
                throw new IOException("gitremote-helpers protocol error at " + line);
            }
        }
    }

    /** Dials the onion, authenticates and relays git's streams to the peer's service; its exit code. */
    public static ExitCode connect(Repository repository, TorAnnexAddress address, Service service, InputStream gitIn,
            OutputStream gitOut, Consumer<DialNotice> notices, Transcript transcript, boolean debug)
            throws IOException, PeerFailure {
        AuthToken token = GivenToken.of(null).forRemoteHelper(() -> OnionPlugin.stored(repository, address));
        Dialing dialing = new Dialing(repository, GivenToken.NONE, Optional.empty(), notices, debug);
        Connection c = new OnionPlugin(null).dial(address, dialing, OnionRetry.CONNECT_TIMEOUT);
        // No VERSION on this path, as with git-annex's helper; no deadline either.
        PeerSession.Options options = PeerSession.Options.DEFAULT.withTranscript(transcript)
                .authOnly(new GitRelays(null, gitIn, gitOut));
        try (PeerSession session = PeerSession.open(new Dialed(c, new Greeting.Token(token), Optional.empty(), true),
                repository, options)) {
            return session.run(Client.connect(service).map(Either::<String, ExitCode>right));
        }
    }

    /** The repository in {@code gitDir} (git's GIT_DIR, else the current one), or an anonymous one if not annexed. */
    public static Repository repository(Optional<String> gitDir) {
        Path dir = Path.of(gitDir.orElse("."));
        try {
            return AnnexRepository.open(dir);
        } catch (IOException e) {
            // A plain git repository (e.g. during `git clone`): no annex UUID to present.
            return new LooseFiles(new Uuid(""));
        }
    }

    /** One line, read byte by byte: what follows "connect" is git's own protocol and must not be read ahead. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }
}
