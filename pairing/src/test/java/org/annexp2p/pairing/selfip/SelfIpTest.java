package org.annexp2p.pairing.selfip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Self-IP stages on loopback only: 127.0.0.0/8 and ::1 stand in for LAN addresses. */
class SelfIpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final InetAddress V4 = ip("127.0.0.1");
    private static final InetAddress UNUSED = ip("127.0.0.5");

    @Test
    void stageOneConfirmsThePreferredOutboundAddressBySelfConnect() throws IOException {
        SelfIpOptions options = new SelfIpOptions(new InetSocketAddress(ip("127.0.0.2"), 9), List::of, bound -> List.of(), true, TIMEOUT);
        try (ProbeListener listener = ProbeListener.open(new InetSocketAddress(0), TIMEOUT)) {
            SelfIpReport report = SelfIp.acquire(options, listener);
            assertThat(report.address()).contains(V4);
            assertThat(report.stages()).hasSize(1);
            assertThat(report.stages().get(0).detail()).contains("confirmed by a call to our own listener");
        }
    }

    @Test
    void stageTwoProbesEveryCandidateWhenStageOneFails() throws IOException {
        // The listener only hears 127.0.0.1, so the outbound answer (::1) cannot be confirmed.
        SelfIpOptions options = new SelfIpOptions(new InetSocketAddress(ip("::1"), 9), () -> List.of(UNUSED, V4), bound -> List.of(), true, TIMEOUT);
        try (ProbeListener listener = ProbeListener.open(new InetSocketAddress(V4, 0), TIMEOUT)) {
            SelfIpReport report = SelfIp.acquire(options, listener);
            assertThat(report.address()).contains(V4);
            assertThat(report.stages()).extracting(SelfIpReport.StageReport::succeeded).containsExactly(false, true);
            assertThat(report.stages().get(0).detail()).contains("0:0:0:0:0:0:0:1").contains("not confirmed");
            assertThat(report.stages().get(1).detail()).contains("1 of 2").contains("127.0.0.5");
        }
    }

    @Test
    void stageThreeUsesWhereOurOwnAnnouncementCameBackFrom() throws IOException {
        InetAddress seen = ip("127.0.0.9");
        SelfIpOptions options = new SelfIpOptions(new InetSocketAddress(ip("::1"), 9), () -> List.of(UNUSED), bound -> List.of(seen), true, TIMEOUT);
        try (ProbeListener listener = ProbeListener.open(new InetSocketAddress(V4, 0), TIMEOUT)) {
            SelfIpReport report = SelfIp.acquire(options, listener);
            assertThat(report.address()).contains(seen);
            assertThat(report.stages()).extracting(SelfIpReport.StageReport::stage)
                    .containsExactly(SelfIpReport.Stage.OUTBOUND_ROUTE, SelfIpReport.Stage.INTERFACE_PROBE, SelfIpReport.Stage.DISCOVERY);
        }
    }

    @Test
    void withoutLoopbackEveryStageFallsThroughAndSaysWhy() throws IOException {
        SelfIpOptions options = new SelfIpOptions(new InetSocketAddress(ip("127.0.0.2"), 9), () -> List.of(V4), bound -> List.of(V4), false, TIMEOUT);
        try (ProbeListener listener = ProbeListener.open(new InetSocketAddress(0), TIMEOUT)) {
            SelfIpReport report = SelfIp.acquire(options, listener);
            assertThat(report.address()).isEmpty();
            assertThat(report.stages()).extracting(SelfIpReport.StageReport::detail).satisfiesExactly(
                    d -> assertThat(d).contains("loopback").contains("no LAN route"),
                    d -> assertThat(d).contains("127.0.0.1 is loopback"),
                    d -> assertThat(d).contains("did not come back from a usable address"));
        }
    }

    @Test
    void garbageCallsDoNotStopTheListener() throws IOException {
        try (ProbeListener listener = ProbeListener.open(new InetSocketAddress(V4, 0), TIMEOUT)) {
            for (String junk : List.of("HELLO\n", "PROBE 999.1.1.1 00\n", "PROBE example.org 0123456789abcdef0123456789abcdef\n", "x".repeat(5000))) {
                try (Socket s = new Socket(V4, listener.port())) {
                    s.setSoTimeout(5000);
                    OutputStream out = s.getOutputStream();
                    out.write(junk.getBytes(StandardCharsets.US_ASCII));
                    s.shutdownOutput();
                    assertThat(s.getInputStream().read()).isEqualTo(-1);
                }
            }
            assertThat(SelfIp.probe(V4, listener, TIMEOUT)).isEmpty();
        }
    }

    private static InetAddress ip(String literal) {
        return SelfIp.literalOrThrow(literal);
    }
}
