package org.annexp2p.tor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.annexp2p.repository.creds.PrivateFile;
import org.annexp2p.tor.TorException.Reason;
import org.annexp2p.tor.control.TorEvent;
import org.annexp2p.tor.onion.OnionAddress;
import org.annexp2p.tor.onion.OnionTarget;
import org.annexp2p.tor.testing.OfflineTor;
import org.annexp2p.tor.testing.TorProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions on tors without network (DisableNetwork 1): launching, attaching, supervision, failures. */
class TorSessionIT {

    @AfterAll
    static void noTorLeaked() {
        assertThat(TorProcesses.torChildren(Set.of())).as("tor processes left running").isEmpty();
    }

    static TorOptions offline(Path dir) throws Exception {
        Path extra = dir.resolve("offline.torrc");
        Files.writeString(extra, "DisableNetwork 1\nGeoIPFile " + extra + "\nGeoIPv6File " + extra + "\n");
        return TorOptions.defaults(dir.resolve("state")).withPolicy(TorPolicy.LAUNCH).withExtraTorrc(extra)
                .withSocks("127.0.0.1:9")
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    @Test
    void aKilledTorIsRelaunchedAndItsOnionRepublishedUnderTheSameAddress(@TempDir Path dir) throws Exception {
        try (TorSession tor = TorSession.open(offline(dir))) {
            LinkedBlockingQueue<TorEvent> events = new LinkedBlockingQueue<>();
            tor.addListener(events::add);
            OnionService s = tor.publish(PrivateFile.in(dir, "key"), 80, new OnionTarget.UnixSocket(dir.resolve("s").toAbsolutePath()));
            OnionAddress before = s.address();
            long firstPid = tor.torPid().orElseThrow();
            ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();
            TorEvent.Recovered recovered = awaitEvent(events, TorEvent.Recovered.class);
            assertThat(recovered.relaunched()).isTrue();
            assertThat(tor.torPid()).isPresent().get().isNotEqualTo(firstPid);
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(s.address()).isEqualTo(before);
            assertThat(tor.control().getInfo("onions/current")).contains(before.serviceId());
            assertThat(TorProcesses.torChildren(Set.of())).hasSize(1);
            s.close();
            assertThat(tor.control().getInfo("onions/current")).doesNotContain(before.serviceId());
        }
    }

    static <T extends TorEvent> T awaitEvent(LinkedBlockingQueue<TorEvent> events, Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            TorEvent e = events.poll(1, TimeUnit.SECONDS);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " event within 60 s; got " + events);
    }

    @Test
    void anAttachedTorThatRestartsIsReconnectedAndTheOnionRepublished(@TempDir Path dir) throws Exception {
        Path torDir = dir.resolve("tor");
        OfflineTor first = OfflineTor.start(torDir, "CookieAuthentication 1");
        try (TorSession tor = TorSession.open(TorOptions.defaults(dir.resolve("state")).withPolicy(TorPolicy.ATTACH)
                .withControl(first.unix().toString()).withSocks("127.0.0.1:9")
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10)))) {
            LinkedBlockingQueue<TorEvent> events = new LinkedBlockingQueue<>();
            tor.addListener(events::add);
            OnionService s = tor.publish(PrivateFile.in(dir, "key"), 80, new OnionTarget.LocalPort(9));
            first.kill();
            assertThat(awaitEvent(events, TorEvent.ConnectionLost.class).endpoint()).isEqualTo(first.unix().toString());
            try (OfflineTor second = OfflineTor.start(torDir, "CookieAuthentication 1")) {
                TorEvent.Recovered r = awaitEvent(events, TorEvent.Recovered.class);
                assertThat(r.relaunched()).isFalse();
                assertThat(r.endpoint()).isEqualTo(second.unix().toString());
                assertThat(tor.control().getInfo("onions/current")).contains(s.address().serviceId());
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aTorThatNeverBootstrapsFailsTheMeasurementInBoundedTime(@TempDir Path dir) throws Exception {
        try (TorSession tor = TorSession.open(offline(dir))) {
            OnionService s = tor.publish(PrivateFile.in(dir, "key"), 80, new OnionTarget.LocalPort(9));
            long start = System.nanoTime();
            assertThatThrownBy(() -> tor.measure(s, Duration.ofSeconds(2))).isInstanceOf(TorException.class)
                    .hasMessageContaining("only 0 % bootstrapped")
                    .extracting(e -> ((TorException) e).reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void aTorMissingFromPathSaysSo(@TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", dir.toString());
        assertThatThrownBy(() -> TorSession.open(offline(dir).withEnvironment(env)))
                .isInstanceOf(TorException.class).hasMessageContaining("no 'tor' program found on PATH")
                .extracting(e -> ((TorException) e).reason()).isEqualTo(Reason.TOR_MISSING);
    }

    @Test
    void attachingToNothingSaysTorIsNotRunning(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TorOptions o = TorOptions.defaults(dir).withPolicy(TorPolicy.ATTACH).withControl("127.0.0.1:" + port);
        assertThatThrownBy(() -> TorSession.open(o)).isInstanceOf(TorException.class)
                .hasMessageContaining("no tor control port at 127.0.0.1:" + port)
                .extracting(e -> ((TorException) e).reason()).isEqualTo(Reason.NOT_RUNNING);
        assertThatThrownBy(() -> TorSession.open(o.withControl("unix:"))).extracting(e -> ((TorException) e).reason())
                .isEqualTo(Reason.BAD_CONFIG);
    }

    @Test
    void attachFindsTorFromTheEnvironmentAndTakesSocksFromItToo(@TempDir Path dir) throws Exception {
        try (OfflineTor running = OfflineTor.start(dir.resolve("tor"), "CookieAuthentication 1")) {
            Map<String, String> env = Map.of(TorOptions.ENV_CONTROL, running.unix().toString(),
                    TorOptions.ENV_SOCKS, "127.0.0.1:19050");
            TorOptions o = TorOptions.defaults(dir.resolve("state")).withEnvironment(env);
            try (TorSession tor = TorSession.open(o)) {
                assertThat(tor.launched()).isFalse();
                assertThat(tor.socksAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 19050));
            }
            // no SocksPort open (DisableNetwork) and none given: git-annex's default
            try (TorSession tor = TorSession.open(o.withEnvironment(Map.of(TorOptions.ENV_CONTROL, running.tcp().toString())))) {
                assertThat(tor.socksAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 9050));
            }
            assertThat(running.alive()).as("closing an attached session leaves that tor running").isTrue();
        }
    }

    @Test
    void aKeyFileTorCannotUseIsReportedNotOverwritten(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("key");
        Files.writeString(key, "not a key");
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        try (TorSession tor = TorSession.open(offline(dir))) {
            assertThatThrownBy(() -> tor.publish(PrivateFile.in(dir, "key"), 80, new OnionTarget.LocalPort(9)))
                    .isInstanceOf(TorException.class).hasMessageContaining("damaged");
            assertThat(Files.readString(key)).isEqualTo("not a key");
        }
    }
}
