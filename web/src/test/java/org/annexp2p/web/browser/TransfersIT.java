package org.annexp2p.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.annexp2p.tor.onion.OnionAddress;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.tor.testing.SocksStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Gets started from the page, from a linked peer behind a slow link (so that a transfer lasts a few seconds on
 * loopback): the page shows its progress as the server pushes it, at least twice a second by the browser's own
 * clock, and a cancelled get stops and leaves no object behind. A put started there is shown the same way, and lands.
 */
class TransfersIT {
    /** 8 MiB at 2 MiB/s: about four seconds of transfer to watch. */
    private static final int SIZE = 8 * 1024 * 1024;
    private static final long RATE = 2 * 1024 * 1024;

    @RegisterExtension
    static final Browser browser = new Browser();
    @TempDir
    static Path dir;
    private static SocksStandIn socks;
    private static TemporaryRepository laptop;
    private static TorAnnexAddress serverAddress;
    private static ServedPeer served;
    private static SlowLink slow;
    private static PageProcess page;
    private static String watched;
    private static String cancelled;
    private static String put;
    private static TemporaryRepository server;

    @BeforeAll
    static void start() throws Exception {
        socks = new SocksStandIn(0);
        laptop = TemporaryRepository.annex(dir.resolve("laptop"), "laptop");
        server = TemporaryRepository.annex(dir.resolve("server"), "server");
        put = laptop.add("put.bin", random(3));
        watched = server.add("watched.bin", random(1));
        cancelled = server.add("cancelled.bin", random(2));
        AuthToken token = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        AnnexRepository.open(server.dir()).creds().addAcceptedToken(token);
        served = ServedPeer.serve(server.dir());
        slow = new SlowLink(served.port(), RATE);
        byte[] key = new byte[32];
        new Random(7).nextBytes(key);
        serverAddress = new TorAnnexAddress(OnionAddress.fromPublicKey(key), 20_007);
        socks.route(serverAddress.onion().hostname(), slow.port());
        AnnexRepository ours = AnnexRepository.open(laptop.dir());
        ours.remotes().add("server", serverAddress.format(), new Uuid(server.uuid()));
        ours.creds().storePeerToken(serverAddress.onion().hostname(), token);
        page = PageProcess.start(laptop.dir(), Map.of("ANNEX_P2P_TOR_SOCKS", socks.address()), dir.resolve("page.log"));
    }

    @AfterAll
    static void stop() throws IOException {
        page.close();
        slow.close();
        served.close();
        socks.close();
    }

    @Test
    void aGetsProgressReachesThePageAtLeastTwiceASecond() throws IOException {
        browser.open(page.url().toString());
        // Each redraw of the running transfers, stamped by the browser's clock.
        browser.js("""
                window.redraws = [];
                new MutationObserver(() => window.redraws.push(performance.now()))
                    .observe(document.getElementById('transfers-running'), {childList: true});
                """);
        startGet(watched);

        browser.until(java.time.Duration.ofMinutes(2), d -> !d.findElements(
                By.cssSelector("#transfers-recent li.transfer-done[data-state='done']")).isEmpty());
        List<Number> redraws = browser.js("return window.redraws");
        double span = (redraws.get(redraws.size() - 1).doubleValue() - redraws.get(0).doubleValue()) / 1000;
        assertThat(span).as("seconds the transfer was shown running").isGreaterThan(1.5);
        assertThat((redraws.size() - 1) / span).as("updates a second, over %d updates", redraws.size()).isGreaterThanOrEqualTo(2);
        for (int i = 1; i < redraws.size(); i++) {
            assertThat(redraws.get(i).doubleValue() - redraws.get(i - 1).doubleValue()).as("ms between updates").isLessThan(1000);
        }
        assertThat(objects(laptop, watched)).isNotEmpty();
    }

    @Test
    void aPutsProgressReachesThePageAtLeastTwiceASecondAndTheContentLandsOnThePeer() throws IOException {
        browser.open(page.url().toString());
        browser.js("""
                window.redraws = [];
                new MutationObserver(() => window.redraws.push(performance.now()))
                    .observe(document.getElementById('transfers-running'), {childList: true});
                """);
        browser.until(d -> !d.findElements(By.cssSelector("#transfers-peer option")).isEmpty());
        new Select(browser.visible("transfers-peer")).selectByValue(serverAddress.format());
        browser.visible("transfers-key").sendKeys(put);
        browser.visible("transfers-put").click();

        String shown = "#transfers-recent li.transfer-done[data-id^='put-']";
        browser.until(java.time.Duration.ofMinutes(2), d -> !d.findElements(By.cssSelector(shown)).isEmpty());
        var result = browser.driver().findElement(By.cssSelector(shown));
        assertThat(result.getAttribute("data-state")).as(result.getText()).isEqualTo("done");
        assertThat(result.getText()).contains(put, "upload to " + serverAddress.format());
        List<Number> redraws = browser.js("return window.redraws");
        double span = (redraws.get(redraws.size() - 1).doubleValue() - redraws.get(0).doubleValue()) / 1000;
        assertThat(span).as("seconds the put was shown running").isGreaterThan(1.5);
        assertThat((redraws.size() - 1) / span).as("updates a second, over %d updates", redraws.size()).isGreaterThanOrEqualTo(2);
        for (int i = 1; i < redraws.size(); i++) {
            assertThat(redraws.get(i).doubleValue() - redraws.get(i - 1).doubleValue()).as("ms between updates").isLessThan(1000);
        }
        assertThat(objects(server, put)).hasSize(1);
        assertThat(Files.readAllBytes(objects(server, put).get(0))).isEqualTo(random(3));
    }

    @Test
    void aCancelledGetStopsAndLeavesNoObject() throws IOException {
        browser.open(page.url().toString());
        startGet(cancelled);
        browser.until(d -> !d.findElements(By.cssSelector("#transfers-running li.transfer .transfer-cancel")).isEmpty());
        browser.screenshotOf("transfers", "web-transfers");
        // The list is redrawn with every update: a button gone stale under the click is found and clicked again.
        browser.until(d -> {
            d.findElement(By.cssSelector("#transfers-running li.transfer .transfer-cancel")).click();
            return true;
        });

        browser.until(d -> !d.findElements(By.cssSelector("#transfers-recent li.transfer-done:not([data-state='done'])")).isEmpty());
        assertThat(browser.driver().findElements(By.cssSelector("#transfers-recent li.transfer-done[data-state='done']"))
                .stream().map(e -> e.getText()).toList()).noneMatch(t -> t.contains(cancelled));
        assertThat(objects(laptop, cancelled)).isEmpty();
    }

    private static void startGet(String key) {
        browser.until(d -> !d.findElements(By.cssSelector("#transfers-peer option")).isEmpty());
        new Select(browser.visible("transfers-peer")).selectByValue(serverAddress.format());
        browser.visible("transfers-key").sendKeys(key);
        browser.visible("transfers-get").click();
    }

    /** Files named {@code key} in {@code repository}'s object store. */
    private static List<Path> objects(TemporaryRepository repository, String key) throws IOException {
        Path store = repository.resolve(".git/annex/objects");
        if (!Files.exists(store)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(store)) {
            return walk.filter(p -> p.getFileName().toString().equals(key) && Files.isRegularFile(p)).toList();
        }
    }

    private static byte[] random(int seed) {
        byte[] content = new byte[SIZE];
        new Random(seed).nextBytes(content);
        return content;
    }
}
