package org.annexp2p.tor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.annexp2p.repository.creds.PrivateFile;
import org.annexp2p.tor.control.TorEvent;
import org.annexp2p.tor.onion.OnionAddress;
import org.annexp2p.tor.privnet.PrivateTorNetwork;
import org.annexp2p.tor.privnet.PrivateTorNetworkExtension;
import org.annexp2p.tor.socks.OnionDialer;
import org.annexp2p.tor.socks.SocksException;
import org.annexp2p.tor.testing.PatientDial;
import org.annexp2p.tor.testing.TorProcesses;
import org.annexp2p.transports.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The onion transport end to end on the private network: our launched tor serves an echo listener as an
 * onion; the network's client tor (a different tor, like a remote peer) dials it through SOCKS. What every
 * transport must do (large streams both ways, fifty connections, close semantics) is in
 * {@link OnionTransportContractIT}; this class keeps what is tor's own: SOCKS failures, tor dying mid-stream.
 */
@ExtendWith(PrivateTorNetworkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnionTransportIT {

    static final Duration DIAL = Duration.ofSeconds(30);

    Path dir;
    PrivateTorNetwork net;
    TorSession server;
    OnionListener listener;

    @BeforeAll
    void publishEcho(PrivateTorNetwork network, @TempDir Path tmp) throws Exception {
        net = network;
        dir = tmp;
        server = TorSession.open(OnionServiceIT.options(net, dir.resolve("server")));
        listener = OnionListener.open(server, PrivateFile.in(dir, "server.key"), 7000);
        EchoServer.start(listener);
        System.out.println("echo onion reachable: " + server.measure(listener.service(), Duration.ofSeconds(90)));
        // the tests' own dials from the network's client are plain: let it find the descriptor first
        try (Connection c = PatientDial.fromNetworkClient(net, listener.address())) {
            c.output().write("warm".getBytes());
            c.output().flush();
            assertThat(new String(c.input().readNBytes(4))).as("the echo answers the network's client").isEqualTo("warm");
        }
    }

    @AfterAll
    void stop() {
        if (listener != null) {
            listener.close();
        }
        if (server != null) {
            server.close();
        }
        Set<Long> network = TorProcesses.pids(net.processes());
        assertThat(TorProcesses.torChildren(network)).as("tor processes left by this class").isEmpty();
    }

    Connection dialFromClient() throws IOException {
        return new OnionDialer(net.clientSocks()).dial(listener.address(), DIAL);
    }

    /** Tor has no half-closed streams: our FIN ends the stream, and the peer (the echo) sees end-of-stream. */
    @Test
    void shutdownOutputEndsTheStreamForThePeer() throws Exception {
        try (Connection c = dialFromClient()) {
            c.output().write("ping".getBytes());
            c.output().flush();
            assertThat(new String(readN(c.input(), 4))).isEqualTo("ping");
            c.shutdownOutput();
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThat(c.input().read()).isEqualTo(-1));
            assertThat(c.description()).contains(listener.service().address().hostname());
        }
    }

    @Test
    void socksFailuresAreExplained() throws Exception {
        OnionAddress unpublished = OnionAddress.fromPublicKey(ed25519PublicKey());
        assertThatThrownBy(() -> new OnionDialer(net.clientSocksExtendedErrors()).dial(unpublished.hostname() + ":80", DIAL))
                .isInstanceOf(SocksException.class).hasMessageContaining("descriptor not found")
                .extracting(e -> ((SocksException) e).replyCode()).isEqualTo(0xF0);
        assertThatThrownBy(() -> new OnionDialer(net.clientSocks()).dial(unpublished.hostname() + ":80", DIAL))
                .isInstanceOf(SocksException.class).hasMessageContaining("not found")
                .extracting(e -> ((SocksException) e).replyCode()).isEqualTo(0x04);
        assertThatThrownBy(() -> new OnionDialer(net.clientSocks()).dial(listener.service().address().hostname() + ":7001", DIAL))
                .isInstanceOf(SocksException.class).hasMessageContaining("does not offer this port")
                .extracting(e -> ((SocksException) e).replyCode()).isEqualTo(0x05);
    }

    @Test
    void anOnionWithNothingBehindItIsReportedUnreachable() throws Exception {
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (OnionService dead = server.publish(PrivateFile.in(dir, "dead.key"), 80,
                new org.annexp2p.tor.onion.OnionTarget.LocalPort(deadPort))) {
            // wait for the descriptor first, so the short measurement below can only fail on the connection
            assertThat(dead.awaitUpload(java.time.Instant.now().plusSeconds(90))).as("descriptor uploaded").isPresent();
            assertThatThrownBy(() -> server.measure(dead, Duration.ofSeconds(10))).isInstanceOf(TorException.class)
                    .hasMessageContaining("could not connect to our own onion")
                    .hasMessageContaining("make sure something listens on 127.0.0.1:" + deadPort)
                    .extracting(e -> ((TorException) e).reason()).isEqualTo(TorException.Reason.UNREACHABLE);
        }
    }

    @Test
    void torKilledMidStreamEndsTheStreamAndTheSessionRecovers() throws Exception {
        try (TorSession client = TorSession.open(OnionServiceIT.options(net, dir.resolve("client")))) {
            LinkedBlockingQueue<TorEvent> events = new LinkedBlockingQueue<>();
            client.addListener(events::add);
            client.awaitBootstrapped(java.time.Instant.now().plusSeconds(90));
            // a tor just launched has not the onion's descriptor yet: its first dial waits as our clients do
            Connection c = PatientDial.from(client, listener.address());
            c.output().write("before".getBytes());
            c.output().flush();
            assertThat(new String(c.input().readNBytes(6))).isEqualTo("before");
            ProcessHandle.of(client.torPid().orElseThrow()).orElseThrow().destroyForcibly();
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try {
                    assertThat(c.input().read()).isEqualTo(-1);
                } catch (IOException expected) {
                    // a reset is as good as end-of-stream: the reader is not left hanging
                }
            });
            c.close();
            TorSessionIT.awaitEvent(events, TorEvent.Recovered.class);
            client.awaitBootstrapped(java.time.Instant.now().plusSeconds(90));
            try (Connection again = PatientDial.from(client, listener.address())) {
                again.output().write("after".getBytes());
                again.output().flush();
                assertThat(new String(again.input().readNBytes(5))).isEqualTo("after");
            }
        }
    }

    /** A valid ed25519 point, so tor takes the address for a real (unpublished) onion. */
    static byte[] ed25519PublicKey() throws Exception {
        byte[] x509 = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        return java.util.Arrays.copyOfRange(x509, x509.length - 32, x509.length);
    }

    static byte[] readN(InputStream in, int n) {
        try {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
