package org.annexp2p.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.annexp2p.testkit.wormhole.WormholeServers;
import org.annexp2p.tor.onion.OnionAddress;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.tor.testing.SocksStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;

/**
 * Two repositories paired through their two pages, as two people would with `git annex p2p --pair`: each page shows
 * its code, each person types the other's, and both pages say they are paired. One side is driven by keyboard
 * alone. The pages run in their own JVMs with the local mailbox server and transit relay in their environment; each
 * repository has a (fake) onion address that a SOCKS stand-in maps to its loopback server, so linking goes the way
 * it would through tor.
 */
class PairIT {
    private static final Pattern CODE = Pattern.compile("\\d+-\\S+-\\S+");

    @RegisterExtension
    static final Browser browser = new Browser();
    @TempDir
    static Path dir;
    private static WormholeServers wormhole;
    private static SocksStandIn socks;
    private static Side a;
    private static Side b;

    /** A repository with an onion address, served, and its page. */
    private record Side(TemporaryRepository repository, TorAnnexAddress address, ServedPeer served, PageProcess page)
            implements AutoCloseable {
        static Side start(String name, int seed) throws Exception {
            TemporaryRepository repository = TemporaryRepository.annex(dir.resolve(name), name);
            byte[] key = new byte[32];
            new Random(seed).nextBytes(key);
            TorAnnexAddress address = new TorAnnexAddress(OnionAddress.fromPublicKey(key), 20_000 + seed);
            new CredsDir(repository.resolve(".git/annex/creds")).addOwnAddress(address.format());
            ServedPeer served = ServedPeer.serve(repository.dir());
            socks.route(address.onion().hostname(), served.port());
            PageProcess page = PageProcess.start(repository.dir(), Map.of("WORMHOLE_RELAY_URL", wormhole.relayUrl(),
                    "WORMHOLE_TRANSIT_HELPER", wormhole.transitHelper(), "ANNEX_P2P_TOR_SOCKS", socks.address()),
                    dir.resolve(name + "-page.log"));
            return new Side(repository, address, served, page);
        }

        @Override
        public void close() throws IOException {
            page.close();
            served.close();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        wormhole = WormholeServers.start(Files.createDirectories(dir.resolve("wormhole")));
        socks = new SocksStandIn(0);
        a = Side.start("a", 1);
        b = Side.start("b", 2);
    }

    @AfterAll
    static void stop() throws IOException {
        for (AutoCloseable c : new AutoCloseable[] {a, b, socks, wormhole}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // the next one is still stopped
            }
        }
    }

    @Test
    void twoPagesPairTheirRepositoriesOneByKeyboardAlone() throws Exception {
        browser.open(a.page().url().toString());
        browser.visible("pair-start");
        String pageA = browser.driver().getWindowHandle();
        tabTo("pair-start");
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        String codeA = ourCode();

        browser.driver().switchTo().newWindow(WindowType.TAB);
        String pageB = browser.driver().getWindowHandle();
        browser.open(b.page().url().toString());
        browser.visible("pair-start").click();
        String codeB = ourCode();
        browser.visible("pair-their-code").sendKeys(codeA);
        browser.visible("pair-submit").click();

        browser.driver().switchTo().window(pageA);
        tabTo("pair-their-code");
        new Actions(browser.driver()).sendKeys(codeB).sendKeys(Keys.ENTER).perform();

        assertThat(browser.textOnceItShows("pair-outcome", "Paired with")).contains(b.repository().uuid());
        assertThat(remoteUuids(a)).contains(b.repository().uuid());
        browser.driver().switchTo().window(pageB);
        assertThat(browser.textOnceItShows("pair-outcome", "Paired with")).contains(a.repository().uuid());
        assertThat(remoteUuids(b)).contains(a.repository().uuid());
        browser.screenshotOf("pair", "web-pair");
    }

    /** Presses Tab (at most 80 times) until the element with this id has the focus. */
    private static void tabTo(String id) {
        for (int i = 0; i < 80; i++) {
            if (id.equals(browser.js("return document.activeElement && document.activeElement.id"))) {
                return;
            }
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    private static String ourCode() {
        browser.until(d -> CODE.matcher(d.findElement(By.id("pair-our-code")).getText()).matches());
        return browser.driver().findElement(By.id("pair-our-code")).getText();
    }

    private static String remoteUuids(Side side) throws IOException {
        return side.repository().git("config", "--get-regexp", "^remote\\..*\\.annex-uuid$").out();
    }
}
