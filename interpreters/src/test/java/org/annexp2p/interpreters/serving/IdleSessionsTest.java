package org.annexp2p.interpreters.serving;

import static org.annexp2p.interpreters.serving.ServingUnderFloodTest.awaitCondition;
import static org.annexp2p.interpreters.serving.ServingUnderFloodTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.interpreters.serving.ServingUnderFloodTest.Endpoint;
import org.annexp2p.interpreters.serving.ServingUnderFloodTest.Wire;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.testkit.content.AnnexedContent;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Authenticated peers that are idle between requests hold no thread of the server's ({@link Serving} parks them),
 * over memory and TCP; each is served again, GET and PUT verified, as soon as it asks; one that hangs up while
 * parked frees its slot; the server's close releases parked ones without waiting out the grace.
 */
@Timeout(120)
class IdleSessionsTest {
    static final int PEERS = 50;

    final MemoryRepository server = new MemoryRepository(ServingUnderFloodTest.SERVER);
    final MemoryRepository client = new MemoryRepository(ServingUnderFloodTest.CLIENT);
    final List<Connection> opened = new ArrayList<>();
    final List<RepositoryLocal> locals = new ArrayList<>();
    Endpoint endpoint;
    ConnectionServer srv;

    @AfterEach
    void close() throws Exception {
        opened.forEach(Connection::close);
        locals.forEach(RepositoryLocal::close);
        if (srv != null) {
            srv.close();
        }
        if (endpoint != null) {
            endpoint.stop().close();
        }
    }

    void serve(Wire wire, ServerOptions options) throws Exception {
        endpoint = wire.open();
        Serving serving = new Serving(server, ServerMode.READ_WRITE, () -> List.of(ServingUnderFloodTest.TOKEN),
                Relays.NONE, Transcript.NONE);
        srv = ConnectionServer.start(endpoint.listener(), serving, options);
    }

    /** A client that authenticated and agreed on a version, then says nothing. */
    Full authenticatedPeer() throws Exception {
        Connection c = endpoint.dialer().dial(endpoint.address(), Duration.ofSeconds(10));
        opened.add(c);
        RepositoryLocal local = new RepositoryLocal(client);
        locals.add(local);
        Full full = new Full(StreamNet.over(c, AuthCheck.REFUSE_ALL, Relays.NONE, Transcript.NONE), local);
        assertThat(full.run(Client.auth(ServingUnderFloodTest.CLIENT, ServingUnderFloodTest.TOKEN)).orThrow().isRight()).isTrue();
        full.run(Client.negotiateVersion(ProtocolVersion.MAX)).orThrow();
        return full;
    }

    /**
     * Every peer parked and no handler thread busy. A thread whose handler has just returned is briefly RUNNABLE on its
     * way back to the pool's wait, so "no busy thread" is awaited, not read once: it fails only if some thread stays
     * busy while every peer is idle.
     */
    void awaitAllParked() {
        awaitCondition(() -> srv.parkedConnections() == PEERS && srv.runningHandlers() == 0 && busyHandlerThreads() == 0);
    }

    /** The server's handler threads that are doing something: a pool thread waiting for work waits with a timeout. */
    long busyHandlerThreads() {
        return handlerThreads().filter(t -> t.getState() != Thread.State.TIMED_WAITING).count();
    }

    java.util.stream.Stream<Thread> handlerThreads() {
        String prefix = "serve " + srv.address() + " #";
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void idleSessionsHoldNoThreadAndAreServedWhenTheyAsk(Wire wire) throws Exception {
        serve(wire, ServerOptions.of(PEERS, ServingUnderFloodTest.REFUSAL));
        List<Full> peers = new ArrayList<>();
        for (int i = 0; i < PEERS; i++) {
            peers.add(authenticatedPeer());
        }
        awaitAllParked();
        assertThat(srv.authenticatedConnections()).isEqualTo(PEERS);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < PEERS; i++) {
                assertPutAndGet(peers.get(i), "round " + round + " peer " + i);
            }
            awaitAllParked();
        }
        // Peers spoke one at a time: a resumed session reuses an idle thread rather than starting one per request.
        assertThat(handlerThreads().count()).as("the pool's threads, idle or not").isLessThan(PEERS);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aPeerHangingUpWhileParkedFreesItsSlot(Wire wire) throws Exception {
        serve(wire, ServerOptions.of(1, ServingUnderFloodTest.REFUSAL));
        authenticatedPeer();
        awaitCondition(() -> srv.parkedConnections() == 1);
        opened.get(0).close();
        awaitCondition(() -> srv.activeConnections() == 0 && srv.authenticatedConnections() == 0);
        assertPutAndGet(authenticatedPeer(), "after the hang-up");
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void closingTheServerReleasesParkedSessionsWithoutTheGrace(Wire wire) throws Exception {
        serve(wire, ServerOptions.of(5, ServingUnderFloodTest.REFUSAL).withShutdownGrace(Duration.ofHours(1)));
        for (int i = 0; i < 5; i++) {
            authenticatedPeer();
        }
        awaitCondition(() -> srv.parkedConnections() == 5);
        Thread closer = new Thread(srv::close, "closer");
        closer.start();
        closer.join(Duration.ofSeconds(60).toMillis());
        assertThat(closer.isAlive()).as("close waited for idle peers").isFalse();
        assertThat(srv.activeConnections()).isZero();
        for (Connection c : opened) {
            assertThat(readAll(c)).isEmpty();
        }
    }

    void assertPutAndGet(Full peer, String text) throws Exception {
        byte[] content = (text + " ").repeat(2000).getBytes(StandardCharsets.UTF_8);
        Key key = AnnexedContent.sha256e(content, ".bin");
        client.putContent(key, content);
        assertThat(peer.run(Client.put(key, AssociatedFile.NONE, Meter.NONE)).orThrow()).isEqualTo(Either.right(true));
        assertThat(server.content(key).get()).isEqualTo(content);
        server.putContent(AnnexedContent.sha256e(content, ".back"), content);
        Key back = AnnexedContent.sha256e(content, ".back");
        Destination to = new Destination.File(back, "fetched " + text);
        assertThat(peer.run(Client.get(to, AssociatedFile.NONE, Meter.NONE)).orThrow()).isEqualTo(Either.right(true));
        assertThat(client.file("fetched " + text).get()).isEqualTo(content);
    }
}
