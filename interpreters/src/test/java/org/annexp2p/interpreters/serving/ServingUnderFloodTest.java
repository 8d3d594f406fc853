package org.annexp2p.interpreters.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.testkit.content.AnnexedContent;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.Dialer;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.contract.ManualClock;
import org.annexp2p.transports.PreAuthLimits;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.memory.MemoryNetwork;
import org.annexp2p.transports.tcp.TcpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The P2P server ({@link Serving}) against peers that never authenticate, over memory and TCP: a flood of them
 * no longer keeps a real client out, wrong tokens are logged with the peer's address and never the token, and
 * a peer that authenticates while every slot is taken is refused with the server's line in place of AUTH-SUCCESS.
 */
@Timeout(120)
class ServingUnderFloodTest {
    static final String REFUSAL = "ERROR too many connections\n";
    static final Uuid SERVER = new Uuid("9a1c0de0-0000-4000-8000-0000000000f1");
    static final Uuid CLIENT = new Uuid("9a1c0de0-0000-4000-8000-0000000000f2");
    static final AuthToken TOKEN = AuthToken.parse("f100d5ecre7a11ow3d0n1y").get();
    static final Duration DIAL = Duration.ofSeconds(10);

    /** A transport to serve over. */
    enum Wire {
        MEMORY, TCP;

        Endpoint open() throws IOException {
            if (this == MEMORY) {
                MemoryNetwork network = new MemoryNetwork();
                return new Endpoint(network.listen("srv"), network.dialer(), "srv", network, () -> { });
            }
            TcpTransport tcp = new TcpTransport();
            Listener listener = tcp.listen("127.0.0.1:0");
            return new Endpoint(listener, tcp.dialer(), listener.address(), null, tcp::close);
        }
    }

    /** @param network the memory network, whose dials can say where they come from; null over TCP */
    record Endpoint(Listener listener, Dialer dialer, String address, MemoryNetwork network, AutoCloseable stop) {}

    final MemoryRepository server = new MemoryRepository(SERVER);
    final MemoryRepository client = new MemoryRepository(CLIENT);
    final ManualClock clock = new ManualClock();
    final List<Connection> opened = new ArrayList<>();
    Endpoint endpoint;
    ConnectionServer srv;

    /** Peers hang up first: the server's close would otherwise wait out their grace and refusal lingers. */
    @AfterEach
    void close() throws Exception {
        opened.forEach(Connection::close);
        if (srv != null) {
            srv.close();
        }
        if (endpoint != null) {
            endpoint.stop().close();
        }
    }

    ConnectionServer serve(Wire wire, ServerOptions options) throws IOException {
        endpoint = wire.open();
        Serving serving = new Serving(server, ServerMode.READ_WRITE, () -> List.of(TOKEN), Relays.NONE, Transcript.NONE);
        srv = ConnectionServer.start(endpoint.listener(), serving, options, clock);
        return srv;
    }

    Connection dial(Dialer dialer) throws IOException {
        Connection c = dialer.dial(endpoint.address(), DIAL);
        opened.add(c);
        return c;
    }

    /**
     * The regression of issue 15 part 5, with the real protocol: max-connections N, then N + 50 peers that never
     * send AUTH. Before, they held every slot for as long as they stayed and a real client was refused for all that
     * time; now those over the cap are refused, the rest are closed at the deadline, and the client puts and gets.
     */
    @ParameterizedTest
    @EnumSource(Wire.class)
    void aRealClientIsServedAfterAFloodOfSilentPeers(Wire wire) throws Exception {
        int max = 3;
        serve(wire, ServerOptions.of(max, REFUSAL));
        List<Connection> silent = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            silent.add(dial(endpoint.dialer()));
        }
        // Over TCP, connections dialed one after another may reach the server in another order.
        awaitCondition(() -> srv.unauthenticatedConnections() == max);
        for (int i = 0; i < 50; i++) {
            try (Connection c = dial(endpoint.dialer())) {
                assertThat(readAll(c)).isEqualTo(REFUSAL);
            }
        }
        assertThat(srv.refusedConnections()).isEqualTo(50);
        clock.advance(PreAuthLimits.DEFAULT_DEADLINE);
        for (Connection c : silent) {
            assertThat(readAll(c)).as("a silent peer at the deadline: closed without a word").isEmpty();
        }
        awaitCondition(() -> srv.unauthenticatedConnections() == 0);
        assertPutAndGet(endpoint.dialer());
    }

    /** Over memory a flood can come from one address: it fills only that address's share, and no deadline need pass. */
    @Test
    void aRealClientElsewhereIsServedDuringAFloodFromOneAddress() throws Exception {
        serve(Wire.MEMORY, ServerOptions.of(3, REFUSAL).withPreAuth(PreAuthLimits.of(16)));
        Dialer attacker = endpoint.network().dialerFrom(InetAddress.getByName("203.0.113.66"));
        for (int i = 0; i < 58; i++) {
            dial(attacker);
        }
        awaitCondition(() -> srv.refusedConnections() == 50);
        assertThat(srv.unauthenticatedConnections()).isEqualTo(PreAuthLimits.DEFAULT_MAX_PER_ADDRESS);
        assertPutAndGet(endpoint.network().dialerFrom(InetAddress.getByName("198.51.100.20")));
    }

    /** An authenticated client keeps transferring while silent peers pour in and are refused. */
    @ParameterizedTest
    @EnumSource(Wire.class)
    void anAuthenticatedClientKeepsBeingServedDuringAFlood(Wire wire) throws Exception {
        serve(wire, ServerOptions.of(2, REFUSAL));
        Connection c = dial(endpoint.dialer());
        StreamNet net = StreamNet.over(c, AuthCheck.REFUSE_ALL, Relays.NONE, Transcript.NONE);
        try (RepositoryLocal local = new RepositoryLocal(client)) {
            Full full = new Full(net, local);
            assertThat(full.run(Client.auth(CLIENT, TOKEN)).orThrow().isRight()).isTrue();
            for (int i = 0; i < 60; i++) {
                dial(endpoint.dialer());
                if (i % 10 == 9) {
                    byte[] content = ("content " + i).repeat(1000).getBytes(StandardCharsets.UTF_8);
                    Key key = AnnexedContent.sha256e(content, ".bin");
                    client.putContent(key, content);
                    assertThat(full.run(Client.put(key, AssociatedFile.NONE, Meter.NONE)).orThrow())
                            .as("PUT %d during the flood", i).isEqualTo(Either.right(true));
                    assertThat(server.content(key).get()).isEqualTo(content);
                }
            }
            awaitCondition(() -> srv.refusedConnections() == 58);
            assertThat(srv.authenticatedConnections()).isEqualTo(1);
            assertThat(srv.unauthenticatedConnections()).isEqualTo(2);
        }
    }

    /** With every authenticated slot taken, a good token is answered with the refusal, never AUTH-SUCCESS. */
    @ParameterizedTest
    @EnumSource(Wire.class)
    void aGoodTokenWhileEverySlotIsTakenGetsTheRefusal(Wire wire) throws Exception {
        serve(wire, ServerOptions.of(1, REFUSAL));
        Connection first = dial(endpoint.dialer());
        send(first, "AUTH " + CLIENT.value() + " " + TOKEN.reveal());
        assertThat(readLine(first.input())).isEqualTo("AUTH-SUCCESS " + SERVER.value());
        Connection second = dial(endpoint.dialer());
        send(second, "AUTH " + CLIENT.value() + " " + TOKEN.reveal());
        assertThat(readAll(second)).isEqualTo(REFUSAL);
        send(first, "VERSION 1");
        assertThat(readLine(first.input())).as("the authenticated peer is still served").isEqualTo("VERSION 1");
    }

    /** Wrong tokens are logged with where they came from, never with the token itself. */
    @Test
    void failedAuthenticationsAreLoggedWithTheAddressAndWithoutTheToken() throws Exception {
        String wrong = "wr0ngt0kenthatmustn0tbe1ogged";
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (logged) {
                    Object[] parameters = r.getParameters() == null ? new Object[0] : r.getParameters();
                    logged.add(r.getLevel() + " " + MessageFormat.format(r.getMessage(), parameters));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ConnectionServer.class.getName());
        logger.addHandler(capture);
        try {
            serve(Wire.MEMORY, ServerOptions.of(2, REFUSAL));
            Connection c = dial(endpoint.network().dialerFrom(InetAddress.getByName("203.0.113.66")));
            send(c, "AUTH " + CLIENT.value() + " " + wrong);
            assertThat(readLine(c.input())).isEqualTo("AUTH-FAILURE");
        } finally {
            logger.removeHandler(capture);
        }
        synchronized (logged) {
            assertThat(logged).anySatisfy(l -> assertThat(l).startsWith("WARNING").contains("authentication failed")
                    .contains("203.0.113.66"));
            assertThat(String.join("\n", logged).toLowerCase()).doesNotContain(wrong).doesNotContain(TOKEN.reveal());
        }
    }

    void assertPutAndGet(Dialer dialer) throws Exception {
        byte[] content = "what the real client stores".repeat(4000).getBytes(StandardCharsets.UTF_8);
        Key key = AnnexedContent.sha256e(content, ".bin");
        client.putContent(key, content);
        assertThat(session(dialer, Client.put(key, AssociatedFile.NONE, Meter.NONE))).isEqualTo(Either.right(true));
        assertThat(server.content(key).get()).isEqualTo(content);
        Destination back = new Destination.File(key, "fetched-back");
        assertThat(session(dialer, Client.get(back, AssociatedFile.NONE, Meter.NONE))).isEqualTo(Either.right(true));
        assertThat(client.file("fetched-back").get()).isEqualTo(content);
    }

    /** One client connection: AUTH, VERSION, then {@code op}; its result. */
    Object session(Dialer dialer, Program<?> op) throws Exception {
        try (Connection c = dialer.dial(endpoint.address(), DIAL); RepositoryLocal local = new RepositoryLocal(client)) {
            StreamNet net = StreamNet.over(c, AuthCheck.REFUSE_ALL, Relays.NONE, Transcript.NONE);
            Program<Object> program = Client.auth(CLIENT, TOKEN).flatMap(r -> r.isLeft() ? Program.pure((Object) r)
                    : Client.negotiateVersion(ProtocolVersion.MAX).then(op).map(x -> (Object) x));
            Outcome<Object> outcome = new Full(net, local).run(program);
            return outcome.orThrow();
        }
    }


    static void send(Connection c, String line) throws IOException {
        c.output().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        c.output().flush();
    }

    static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                return null;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    static String readAll(Connection c) {
        StringBuilder sb = new StringBuilder();
        try {
            InputStream in = c.input();
            for (int b; (b = in.read()) >= 0; ) {
                sb.append((char) b);
            }
        } catch (IOException e) {
            // A reset after the close: what arrived before it is the answer.
        }
        return sb.toString();
    }

    static void awaitCondition(BooleanSupplier condition) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("condition not reached within 30 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
