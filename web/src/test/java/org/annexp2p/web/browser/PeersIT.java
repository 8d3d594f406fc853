package org.annexp2p.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.openqa.selenium.WebElement;

/**
 * The status and peers sections of a repository that serves itself at an onion address and is linked (as
 * {@code p2p --link} leaves it) to a peer at two addresses: one with a token the peer accepts, one with a token it
 * has revoked. Onions are fake;
 * a SOCKS stand-in maps each to its loopback server, so every check dials the way it would through tor.
 */
class PeersIT {
    @RegisterExtension
    static final Browser browser = new Browser();
    @TempDir
    static Path dir;
    private static SocksStandIn socks;
    private static TemporaryRepository laptop;
    private static TemporaryRepository server;
    private static TorAnnexAddress laptopAddress;
    private static TorAnnexAddress serverAddress;
    private static TorAnnexAddress revokedAddress;
    private static ServedPeer laptopServed;
    private static ServedPeer serverServed;
    private static PageProcess page;

    @BeforeAll
    static void start() throws Exception {
        socks = new SocksStandIn(0);
        laptop = TemporaryRepository.annex(dir.resolve("laptop"), "laptop on the desk");
        server = TemporaryRepository.annex(dir.resolve("server"), "server in the cellar");
        laptopAddress = onion(1);
        serverAddress = onion(2);
        revokedAddress = onion(3);
        AnnexRepository ours = AnnexRepository.open(laptop.dir());
        ours.creds().addOwnAddress(laptopAddress.format());
        ours.creds().addAcceptedToken(token());
        laptopServed = ServedPeer.serve(laptop.dir());
        socks.route(laptopAddress.onion().hostname(), laptopServed.port());

        AuthToken serverToken = token();
        AnnexRepository.open(server.dir()).creds().addAcceptedToken(serverToken);
        serverServed = ServedPeer.serve(server.dir());
        socks.route(serverAddress.onion().hostname(), serverServed.port());
        ours.remotes().add("server", serverAddress.format(), new Uuid(server.uuid()));
        ours.creds().storePeerToken(serverAddress.onion().hostname(), serverToken);
        // A second address of the same server, for which we hold a token it no longer accepts.
        socks.route(revokedAddress.onion().hostname(), serverServed.port());
        ours.remotes().add("revoked", revokedAddress.format(), new Uuid(server.uuid()));
        ours.creds().storePeerToken(revokedAddress.onion().hostname(), token());

        page = PageProcess.start(laptop.dir(), Map.of("ANNEX_P2P_TOR_SOCKS", socks.address()), dir.resolve("page.log"));
    }

    @AfterAll
    static void stop() throws IOException {
        page.close();
        serverServed.close();
        laptopServed.close();
        socks.close();
    }

    @Test
    void statusShowsTheRepositoryItsUuidDescriptionAndWhetherItsAddressAnswers() throws IOException {
        browser.open(page.url().toString());

        assertThat(browser.textOnceItShows("status-uuid", laptop.uuid())).isEqualTo(laptop.uuid());
        assertThat(browser.visible("status-description").getText()).isEqualTo("laptop on the desk");
        assertThat(browser.visible("status-repository").getText()).isEqualTo(laptop.dir().toRealPath().toString());
        WebElement served = browser.until(d -> d.findElement(
                By.cssSelector("#status-served tr[data-address='" + laptopAddress.format() + "']")));
        assertThat(served.getText()).contains("Tor");

        browser.visible("status-check").click();
        browser.until(d -> served.findElement(By.className("status-answer")).getText().startsWith("yes"));
        assertThat(served.findElement(By.className("status-answer")).getText()).contains(laptop.uuid());
        browser.screenshotOf("status", "web-status");
    }

    @Test
    void peersListsTheRemotesAndCheckNowDialsEach() throws IOException {
        browser.open(page.url().toString());
        WebElement up = peerRow(serverAddress);
        WebElement down = peerRow(revokedAddress);
        assertThat(up.getText()).contains("server").contains("Tor").contains("not seen answering yet");
        assertThat(down.getText()).contains("revoked").contains("Tor");

        // The list is drawn anew as results come: each row is looked up again.
        up.findElement(By.className("peer-check")).click();
        browser.until(d -> peerRow(serverAddress).findElement(By.className("peer-last")).getText().startsWith("answered at"));
        peerRow(revokedAddress).findElement(By.className("peer-check")).click();
        browser.until(d -> peerRow(revokedAddress).findElement(By.className("peer-last")).getText().contains("last check:"));

        assertThat(peerRow(revokedAddress).findElement(By.className("peer-last")).getText())
                .startsWith("not seen answering yet; last check: ");
        assertThat(socks.requested).contains(serverAddress.dialString(), revokedAddress.dialString());
        browser.screenshotOf("peers", "web-peers");
        // The page keeps what it learned: a reload still shows when the server last answered.
        browser.driver().navigate().refresh();
        browser.until(d -> peerRow(serverAddress).findElement(By.className("peer-last")).getText().startsWith("answered at"));
    }

    private static WebElement peerRow(TorAnnexAddress address) {
        return browser.until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#peers-rows tr[data-address='" + address.format() + "']"));
            return rows.isEmpty() ? null : rows.get(0);
        });
    }

    private static TorAnnexAddress onion(int seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return new TorAnnexAddress(OnionAddress.fromPublicKey(key), 20_000 + seed);
    }

    private static AuthToken token() {
        return new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
    }
}
