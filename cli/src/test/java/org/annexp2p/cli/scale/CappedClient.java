package org.annexp2p.cli.scale;

import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.LooseFiles;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.tcp.TcpTransport;

/**
 * A client of a server with a connection cap. It sends AUTH itself and reads the answer byte by byte, so that
 * exactly what a refused client receives can be checked: the refusal line, then a clean end of stream — no
 * reset, no other bytes. A served client may wait (holding its slot), then GETs one object and checks it.
 */
final class CappedClient {

    /** What one connection got. {@code trailing} is what came after a refusal line; {@code failure} an I/O error. */
    record Answer(Kind kind, String firstLine, byte[] trailing, String failure) {
        enum Kind { SERVED, REFUSED, BROKEN }
    }

    private final TcpTransport tcp;
    private final String address;
    private final AuthToken token;
    private final String refusal;

    CappedClient(TcpTransport tcp, String address, AuthToken token, String refusal) {
        this.tcp = tcp;
        this.address = address;
        this.token = token;
        this.refusal = refusal;
    }

    /**
     * Connects and authenticates. Reports the answer through {@code answered} as soon as it is known; a served
     * client then waits for {@code release} before it GETs {@code object} into {@code into}.
     */
    Answer run(Workload.Written object, Path into, CountDownLatch release, java.util.function.Consumer<Answer> answered) {
        Uuid me = Uuid.random();
        try (Connection c = tcp.dial(address, Duration.ofSeconds(60))) {
            String first;
            try {
                c.output().write(("AUTH " + me.value() + " " + token.reveal() + "\n").getBytes(StandardCharsets.UTF_8));
                c.output().flush();
            } catch (IOException e) {
                // A refused connection may already be half-closed by the server; its answer is still readable.
            }
            first = readLine(c.input());
            if (first != null && first.startsWith("AUTH-SUCCESS ")) {
                Answer served = new Answer(Answer.Kind.SERVED, first, new byte[0], null);
                answered.accept(served);
                LoadClient.await(release);
                fetch(c, me, object, into);
                return served;
            }
            if (refusal.equals(first + "\n")) {
                byte[] trailing = c.input().readAllBytes();
                Answer refused = new Answer(Answer.Kind.REFUSED, first, trailing, null);
                answered.accept(refused);
                return refused;
            }
            Answer other = new Answer(Answer.Kind.BROKEN, first, new byte[0], "unexpected first line");
            answered.accept(other);
            return other;
        } catch (IOException | RuntimeException e) {
            Answer broken = new Answer(Answer.Kind.BROKEN, null, new byte[0], e.toString());
            answered.accept(broken);
            return broken;
        }
    }

    private static void fetch(Connection c, Uuid me, Workload.Written object, Path into) throws IOException {
        StreamNet net = StreamNet.over(c, AuthCheck.REFUSE_ALL, Relays.NONE, Transcript.NONE);
        try (RepositoryLocal local = new RepositoryLocal(new LooseFiles(me))) {
            Full full = new Full(net, local);
            full.run(Client.negotiateVersion(ProtocolVersion.MAX)).orThrow();
            Outcome<Either<String, Boolean>> got = full.run(
                    Client.get(new Destination.File(object.key(), into.toString()), AssociatedFile.NONE, Meter.NONE));
            if (!(got instanceof Outcome.Completed<Either<String, Boolean>> done && done.value().contains(true))) {
                throw new IOException("GET " + object.key() + " after being served: " + got);
            }
        }
        if (!Arrays.equals(Workload.sha256Of(into), object.sha256())) {
            throw new IOException("GET " + object.key() + ": the received file has another SHA-256");
        }
    }

    /** One line without its newline, read a byte at a time so nothing after it is consumed; null at once-EOF. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }
}
