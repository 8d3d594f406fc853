package org.annexp2p.web.pair;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.annexp2p.pairing.lan.LanPeers;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.web.UiSettings;
import org.annexp2p.web.server.PageServer;
import org.annexp2p.web.tor.PageClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two pages pair their repositories on the LAN, loopback only: one shows a QR code, the other is given its text. */
@Timeout(120)
class LanPairingRoutesTest {
    @TempDir
    Path tmp;

    @Test
    void oneShowsAQrCodeTheOtherIsGivenItsTextAndBothArePaired() throws Exception {
        AnnexRepository a = AnnexRepository.create(tmp.resolve("a"));
        AnnexRepository b = AnnexRepository.create(tmp.resolve("b"));
        int port;
        try (DatagramSocket s = new DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> loopback = Map.of("ANNEX_P2P_LAN_LOOPBACK", "1", "ANNEX_P2P_LAN_DISCOVERY_PORT", "" + port);
        try (PageServer ua = PageServer.start(UiSettings.loopback(a.top()), c -> List.of(new PairSection(c, loopback)));
                PageServer ub = PageServer.start(UiSettings.loopback(b.top()), c -> List.of(new PairSection(c, loopback)));
                PageClient pa = new PageClient(ua).listen();
                PageClient pb = new PageClient(ub).listen()) {
            assertThat(pa.post("pair/lan-start", Map.of("way", "qr")).status()).isEqualTo(202);
            var qr = pa.await("pair.lan", e -> e.path("state").asText().equals("qr"));
            assertThat(qr.get("qr").asText()).startsWith("data:image/svg+xml;base64,");
            assertThat(pb.post("pair/lan-payload", Map.of("payload", "x")).status()).as("nothing asks yet").isEqualTo(409);

            assertThat(pb.post("pair/lan-start", Map.of("way", "payload", "payload", qr.get("payload").asText())).status())
                    .isEqualTo(202);

            var pairedB = pb.await("pair.lan", e -> e.path("state").asText().matches("paired|failed"));
            var pairedA = pa.await("pair.lan", e -> e.path("state").asText().matches("paired|failed"));
            assertThat(pairedB.get("state").asText()).as("%s", pairedB).isEqualTo("paired");
            assertThat(pairedA.get("state").asText()).as("%s", pairedA).isEqualTo("paired");
            assertThat(pairedA.get("peer").asText()).isEqualTo(b.uuid().value());
            assertThat(LanPeers.read(a.creds())).hasSize(1);
            assertThat(pa.get("pair/lan-state").json().get("state").asText()).isEqualTo("paired");
        }
    }

    /**
     * Cancel while the QR code is shown (the wait for the other device is inside the conversation) ends the pairing,
     * its thread, and what made this device findable: its announcements and its confirmation listener.
     */
    @Test
    void cancelWhileTheQrCodeIsShownEndsThePairingAndFreesWhatItOpened() throws Exception {
        AnnexRepository a = AnnexRepository.create(tmp.resolve("a"));
        int port;
        try (DatagramSocket s = new DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> loopback = Map.of("ANNEX_P2P_LAN_LOOPBACK", "1", "ANNEX_P2P_LAN_DISCOVERY_PORT", "" + port);
        Predicate<String> pairingOwn = name -> name.equals("lan-pairing") || name.startsWith("discovery ")
                || name.startsWith("confirmation listener");
        try (PageServer ui = PageServer.start(UiSettings.loopback(a.top()), c -> List.of(new PairSection(c, loopback)));
                PageClient page = new PageClient(ui).listen()) {
            assertThat(threads(pairingOwn)).as("nothing of a pairing before it starts").isEmpty();
            assertThat(page.post("pair/lan-start", Map.of("way", "qr")).status()).isEqualTo(202);
            page.await("pair.lan", e -> e.path("state").asText().equals("qr"));
            assertThat(threads(pairingOwn)).extracting(Thread::getName).contains("lan-pairing").anyMatch(n -> n.startsWith("discovery "));

            assertThat(page.post("pair/lan-cancel", Map.of()).status()).isEqualTo(200);
            // A safety net far above what cancel takes (well under a second here).
            var ended = CompletableFuture.supplyAsync(() -> {
                try {
                    return page.await("pair.lan", e -> e.path("state").asText().equals("failed"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(5, TimeUnit.SECONDS);
            assertThat(ended.get("reason").asText()).isEqualTo("cancelled");
            for (Thread t : threads(pairingOwn)) {
                t.join(TimeUnit.SECONDS.toMillis(5));
            }
            assertThat(threads(pairingOwn)).as("the pairing's threads have ended").isEmpty();
            assertThat(LanPeers.read(a.creds())).isEmpty();
        }
    }

    /** The page's server closing stops a pairing it started, as cancel would: no thread or socket of it is left. */
    @Test
    void closingThePageStopsAPairingItStarted() throws Exception {
        AnnexRepository a = AnnexRepository.create(tmp.resolve("a"));
        int port;
        try (DatagramSocket s = new DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> loopback = Map.of("ANNEX_P2P_LAN_LOOPBACK", "1", "ANNEX_P2P_LAN_DISCOVERY_PORT", "" + port);
        Predicate<String> pairingOwn = name -> name.equals("lan-pairing") || name.startsWith("discovery ")
                || name.startsWith("confirmation listener");
        PageServer ui = PageServer.start(UiSettings.loopback(a.top()), c -> List.of(new PairSection(c, loopback)));
        try (PageClient page = new PageClient(ui).listen()) {
            assertThat(page.post("pair/lan-start", Map.of("way", "qr")).status()).isEqualTo(202);
            page.await("pair.lan", e -> e.path("state").asText().equals("qr"));
            assertThat(threads(pairingOwn)).extracting(Thread::getName).contains("lan-pairing");

            ui.close();
            for (Thread t : threads(pairingOwn)) {
                t.join(TimeUnit.SECONDS.toMillis(5));
            }
            assertThat(threads(pairingOwn)).as("the pairing's threads have ended with the page").isEmpty();
        } finally {
            ui.close();
        }
    }

    private static List<Thread> threads(Predicate<String> named) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && named.test(t.getName())).toList();
    }

    @Test
    void aWayThatIsNoneOfTheFourOrAnEmptyPhraseIsRefused() throws Exception {
        AnnexRepository.create(tmp.resolve("a"));
        try (PageServer ui = PageServer.start(UiSettings.loopback(tmp.resolve("a")),
                c -> List.of(new PairSection(c, Map.of("ANNEX_P2P_LAN_LOOPBACK", "1"))));
                PageClient page = new PageClient(ui)) {
            assertThat(page.post("pair/lan-start", Map.of("way", "bluetooth")).status()).isEqualTo(400);
            PageClient.Answer empty = page.post("pair/lan-start", Map.of("way", "phrase", "secret", " "));
            assertThat(empty.status()).isEqualTo(400);
            assertThat(empty.json().get("error").asText()).isEqualTo("Type the secret phrase first.");
            assertThat(page.get("pair/lan-state").json().get("state").asText()).isEqualTo("idle");
        }
    }
}
