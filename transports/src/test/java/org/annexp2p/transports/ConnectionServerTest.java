package org.annexp2p.transports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.annexp2p.transports.memory.MemoryNetwork;
import org.annexp2p.transports.tcp.TcpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ConnectionServerTest {

    private static final Duration DIAL = Duration.ofSeconds(10);
    private static final String REFUSAL = "ERROR too many connections\n";

    @Test
    void connectionsOverTheCapAreRefusedWhileOthersKeepBeingServed() throws Exception {
        MemoryNetwork net = new MemoryNetwork();
        CountDownLatch release = new CountDownLatch(1);
        try (ConnectionServer server = ConnectionServer.start(net.listen("s"), ConnectionHandler.withoutAuthentication(c -> {
            release.await(60, TimeUnit.SECONDS);
            echoLine(c);
        }), ServerOptions.of(2, REFUSAL))) {
            Connection first = net.dial("s", DIAL);
            Connection second = net.dial("s", DIAL);
            // Until both hold their slots (not merely accepted), a third could still take one of them.
            awaitCondition(() -> server.authenticatedConnections() == 2);

            try (Connection third = net.dial("s", DIAL)) {
                assertThat(new String(third.input().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(REFUSAL);
            }
            assertThat(server.refusedConnections()).isEqualTo(1);

            release.countDown();
            assertThat(roundTrip(first, "one")).isEqualTo("one");
            assertThat(roundTrip(second, "two")).isEqualTo("two");
            first.close();
            second.close();
            awaitCondition(() -> server.activeConnections() == 0);
            try (Connection fourth = net.dial("s", DIAL)) {
                assertThat(roundTrip(fourth, "four")).as("a freed slot serves again").isEqualTo("four");
            }
        }
    }

    @Test
    void overTcpAPeerThatSpokeFirstStillReadsTheRefusal() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TcpTransport tcp = new TcpTransport();
                ConnectionServer server = ConnectionServer.start(tcp.listen("127.0.0.1:0"),
                        ConnectionHandler.withoutAuthentication(c -> release.await(60, TimeUnit.SECONDS)),
                        ServerOptions.of(1, REFUSAL))) {
            try (Connection busy = tcp.dial(server.address(), DIAL)) {
                awaitCondition(() -> server.authenticatedConnections() == 1);
                try (Connection extra = tcp.dial(server.address(), DIAL)) {
                    extra.output().write("AUTH uuid token\n".getBytes(StandardCharsets.US_ASCII));
                    extra.output().flush();
                    assertThat(new String(extra.input().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(REFUSAL);
                }
                release.countDown();
                assertThat(busy.input().read()).as("the served connection ends normally").isEqualTo(-1);
            }
        }
    }

    @Test
    void overTcpABurstOfRefusedPeersAllReadTheRefusal() throws Exception {
        int burst = 150;
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService readers = Executors.newFixedThreadPool(burst);
        try (TcpTransport tcp = new TcpTransport();
                ConnectionServer server = ConnectionServer.start(tcp.listen("127.0.0.1:0"),
                        ConnectionHandler.withoutAuthentication(c -> release.await(60, TimeUnit.SECONDS)),
                        ServerOptions.of(1, REFUSAL))) {
            try (Connection busy = tcp.dial(server.address(), DIAL)) {
                awaitCondition(() -> server.authenticatedConnections() == 1);
                // All refused peers connect and speak before any reads: each refusal lingers until its peer
                // hangs up, so the whole burst is waiting at once.
                List<Connection> extras = new ArrayList<>();
                for (int i = 0; i < burst; i++) {
                    Connection extra = tcp.dial(server.address(), DIAL);
                    extra.output().write("AUTH uuid token\n".getBytes(StandardCharsets.US_ASCII));
                    extra.output().flush();
                    extras.add(extra);
                }
                List<Future<String>> answers = new ArrayList<>();
                for (Connection extra : extras) {
                    answers.add(readers.submit(() -> {
                        try (extra) {
                            return new String(extra.input().readAllBytes(), StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            return e.toString();
                        }
                    }));
                }
                for (Future<String> answer : answers) {
                    assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(REFUSAL);
                }
                assertThat(server.refusedConnections()).isEqualTo(burst);
                release.countDown();
                assertThat(busy.input().read()).as("the served connection ends normally").isEqualTo(-1);
            }
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void gracefulShutdownLetsRunningHandlersFinishAndStopsAccepting() throws Exception {
        MemoryNetwork net = new MemoryNetwork();
        CountDownLatch handlerStarted = new CountDownLatch(1);
        ConnectionServer server = ConnectionServer.start(net.listen("s"), ConnectionHandler.withoutAuthentication(c -> {
            handlerStarted.countDown();
            echoLine(c);
        }), ServerOptions.of(4, REFUSAL).withShutdownGrace(Duration.ofSeconds(30)));
        Connection client = net.dial("s", DIAL);
        assertThat(handlerStarted.await(30, TimeUnit.SECONDS)).isTrue();
        Thread closer = new Thread(server::close);
        closer.start();
        awaitCondition(() -> {
            try {
                net.dial("s", DIAL).close();
                return false;
            } catch (IOException refused) {
                return true;
            }
        });
        assertThat(closer.isAlive()).as("close waits for the running handler").isTrue();
        assertThat(roundTrip(client, "last words")).isEqualTo("last words");
        closer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(closer.isAlive()).isFalse();
        assertThatThrownBy(() -> net.dial("s", DIAL)).isInstanceOf(IOException.class);
    }

    @Test
    void shutdownClosesHandlersThatOutliveTheGrace() throws Exception {
        MemoryNetwork net = new MemoryNetwork();
        AtomicBoolean handlerSawClose = new AtomicBoolean();
        CountDownLatch handlerStarted = new CountDownLatch(1);
        ConnectionServer server = ConnectionServer.start(net.listen("s"), ConnectionHandler.withoutAuthentication(c -> {
            handlerStarted.countDown();
            try {
                c.input().read();
            } catch (IOException e) {
                handlerSawClose.set(true);
            }
        }), ServerOptions.of(4, REFUSAL).withShutdownGrace(Duration.ofMillis(100)));
        try (Connection client = net.dial("s", DIAL)) {
            assertThat(handlerStarted.await(30, TimeUnit.SECONDS)).isTrue();
            server.close();
            assertThat(server.activeConnections()).isZero();
            assertThat(handlerSawClose).isTrue();
            assertThat(client.input().read()).isEqualTo(-1);
        }
    }

    @Test
    void aFailingHandlerEndsOnlyItsConnection() throws Exception {
        MemoryNetwork net = new MemoryNetwork();
        try (ConnectionServer server = ConnectionServer.start(net.listen("s"), ConnectionHandler.withoutAuthentication(c -> {
            String line = readLine(c.input());
            if (line.equals("boom")) {
                throw new IllegalStateException("handler failed on purpose");
            }
            c.output().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            c.output().flush();
        }), ServerOptions.of(16, REFUSAL))) {
            List<Connection> clients = new ArrayList<>();
            try (Connection bad = net.dial("s", DIAL)) {
                bad.output().write("boom\n".getBytes(StandardCharsets.UTF_8));
                bad.output().flush();
                assertThat(bad.input().read()).isEqualTo(-1);
            }
            for (int i = 0; i < 8; i++) {
                clients.add(net.dial("s", DIAL));
            }
            for (int i = 0; i < clients.size(); i++) {
                try (Connection c = clients.get(i)) {
                    assertThat(roundTrip(c, "ok" + i)).isEqualTo("ok" + i);
                }
            }
        }
    }

    private static void echoLine(Connection c) throws IOException {
        String line = readLine(c.input());
        c.output().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        c.output().flush();
    }

    private static String roundTrip(Connection c, String line) throws IOException {
        c.output().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        c.output().flush();
        return readLine(c.input());
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("end of stream before newline");
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    private static void awaitCondition(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 30 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
