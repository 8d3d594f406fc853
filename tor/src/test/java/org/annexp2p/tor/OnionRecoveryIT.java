package org.annexp2p.tor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.annexp2p.tor.control.TorEvent;
import org.annexp2p.tor.privnet.PrivateTorNetwork;
import org.annexp2p.tor.privnet.PrivateTorNetworkExtension;
import org.annexp2p.tor.socks.OnionDialer;
import org.annexp2p.tor.socks.PatientOnionDialer;
import org.annexp2p.transports.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: the tor that serves an onion is SIGKILLed while idle; the session relaunches it and re-publishes the
 * onion, and another tor (the network's client, a remote peer that had reached the onion before) reaches it again
 * within 30 s, every time.
 */
@ExtendWith(PrivateTorNetworkExtension.class)
class OnionRecoveryIT {

    static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);
    static final int KILLS = Integer.getInteger("recovery.kills", 3);

    @Test
    void aKilledTorIsReachableAgainWithin30SecondsEveryTime(PrivateTorNetwork net, @TempDir Path dir) throws Exception {
        Path extra = dir.resolve("extra.torrc");
        java.nio.file.Files.writeString(extra, "%include " + net.joinTorrc() + "\n" + (Boolean.getBoolean("privnet.keep")
                ? "Log " + System.getProperty("privnet.log", "[rend]info") + " file " + net.baseDir().resolve("service-info.log") + "\n" : ""));
        try (TorSession tor = TorSession.open(OnionServiceIT.options(net, dir.resolve("state")).withExtraTorrc(extra));
                OnionListener listener = OnionListener.open(tor, dir.resolve("key"), 4242)) {
            EchoServer.start(listener);
            tor.measure(listener.service(), Duration.ofSeconds(90));
            LinkedBlockingQueue<TorEvent> events = new LinkedBlockingQueue<>();
            tor.addListener(events::add);
            echo(listener, net, Duration.ofSeconds(60));
            List<Duration> recoveries = new ArrayList<>();
            for (int i = 0; i < KILLS; i++) {
                long pid = tor.torPid().orElseThrow();
                long t0 = System.nanoTime();
                ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                TorSessionIT.awaitEvent(events, TorEvent.Recovered.class);
                long republished = System.nanoTime();
                echo(listener, net, Duration.ofSeconds(240));
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                System.out.printf("kill %d: re-published after %.1f s, reachable from the client after %.1f s%n", i + 1,
                        (republished - t0) / 1e9, took.toNanos() / 1e9);
                recoveries.add(took);
                events.clear();
            }
            assertThat(recoveries).as("time from SIGKILL to reachable, each kill").allMatch(d -> d.compareTo(RECOVERY_BOUND) <= 0);
        }
    }

    /** The client dials as annex-p2p's clients do, and the echo answers. */
    static void echo(OnionListener listener, PrivateTorNetwork net, Duration bound) throws IOException {
        PatientOnionDialer dialer = new PatientOnionDialer(new OnionDialer(net.clientSocks()),
                (e, attempt, left) -> System.out.println("  " + java.time.LocalTime.now() + " client attempt " + attempt + ": " + e.getMessage()));
        try (Connection c = dialer.dial(listener.address(), bound)) {
            c.output().write("ping".getBytes());
            c.output().flush();
            assertThat(new String(c.input().readNBytes(4))).isEqualTo("ping");
        }
    }
}
