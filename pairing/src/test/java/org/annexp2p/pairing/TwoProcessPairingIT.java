package org.annexp2p.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Pattern;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.transports.datagram.UdpEndpoint;
import org.annexp2p.transports.datagram.UdpOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two JVMs pair over real UDP multicast on loopback, then link over TLS pinned to the exchanged keys. */
class TwoProcessPairingIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern READY = Pattern.compile("(?m)^READY$");
    private final List<RunningCommand> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(RunningCommand::close);
    }

    @Test
    void twoProcessesPairAndLinkOverPinnedTls() throws Exception {
        int port = freeUdpPort();
        RunningCommand responder = start("responder", port, "a phrase both users typed", 30);
        responder.await(READY, WAIT);
        RunningCommand requester = start("requester", port, "a phrase both users typed", 30);

        int requesterExit = requester.awaitExit(WAIT);
        int responderExit = responder.awaitExit(WAIT);
        List<String> a = lines(requester);
        List<String> b = lines(responder);
        assertThat(requesterExit).as("requester output %s%n%s", a, requester.err()).isZero();
        assertThat(responderExit).as("responder output %s%n%s", b, responder.err()).isZero();
        assertThat(a).contains("LINK OK");
        assertThat(b).contains("LINK OK");
        assertThat(value(a, "PEER")).isEqualTo(value(b, "OWN"));
        assertThat(value(b, "PEER")).isEqualTo(value(a, "OWN"));
        assertThat(value(a, "TOKEN")).isEqualTo(value(b, "TOKEN"));
    }

    @Test
    void differentPhrasesNeverPairAndBothSidesSayWhy() throws Exception {
        int port = freeUdpPort();
        // The responder outwaits the requester's JVM start (seconds on a loaded machine) and its 6 s of asking, so
        // that it has heard the wrong-phrase requests when its own time is up.
        RunningCommand responder = start("responder", port, "the right phrase", 20);
        responder.await(READY, WAIT);
        RunningCommand requester = start("requester", port, "the wrong phrase", 6);
        assertThat(requester.awaitExit(WAIT)).isEqualTo(1);
        assertThat(responder.awaitExit(WAIT)).isEqualTo(1);
        assertThat(lines(responder)).anySatisfy(l -> assertThat(l).startsWith("FAILED").contains("different secret"));
        assertThat(lines(requester)).anySatisfy(l -> assertThat(l).startsWith("FAILED").contains("no device acknowledged"));
    }

    private RunningCommand start(String role, int port, String phrase, int timeoutSeconds) throws IOException {
        RunningCommand peer = Command.java("-cp", System.getProperty("java.class.path"), PairingPeerProgram.class.getName(),
                role, Integer.toString(port), Integer.toString(timeoutSeconds)).stdin(phrase + "\n").start();
        processes.add(peer);
        return peer;
    }

    private static List<String> lines(RunningCommand peer) {
        return peer.out().lines().toList();
    }

    private static int freeUdpPort() throws IOException {
        try (UdpEndpoint e = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, 0))) {
            return e.localAddress().getPort();
        }
    }

    private static String value(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " line in " + lines));
    }
}
