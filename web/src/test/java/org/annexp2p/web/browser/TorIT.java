package org.annexp2p.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.annexp2p.tor.privnet.PrivateTorNetwork;
import org.annexp2p.tor.privnet.PrivateTorNetworkExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Making a repository reachable over Tor from its page, on a private Tor network on 127.0.0.1 (its client tor is
 * the "running tor" the page is pointed at): the live steps, the onion address with its QR code and copy button,
 * and revoking it.
 */
@ExtendWith(PrivateTorNetworkExtension.class)
class TorIT {
    /** A safety net for publishing and probing an onion on the private network, never a measurement. */
    private static final Duration TOR = Duration.ofMinutes(4);

    @RegisterExtension
    static final Browser browser = new Browser();
    @TempDir
    static Path dir;
    private static TemporaryRepository repository;
    private static PageProcess page;
    private static String control;

    @BeforeAll
    static void start(PrivateTorNetwork network) throws Exception {
        repository = TemporaryRepository.annex(dir.resolve("repo"), "laptop");
        control = network.clientControl();
        page = PageProcess.start(repository.dir(), Map.of("ANNEX_P2P_TOR_CONTROL", control), dir.resolve("page.log"));
    }

    @AfterAll
    static void stop() {
        page.close();
    }

    @Test
    void thePageMakesTheRepositoryReachableShowsTheAddressAndRevokesIt() throws Exception {
        browser.open(page.url().toString());
        browser.allowClipboard(page.origin());
        // Every step the page shows, as it shows it.
        browser.js("""
                window.torSteps = [];
                new MutationObserver(() => window.torSteps.push(document.getElementById('tor-progress').textContent))
                    .observe(document.getElementById('tor-progress'), {childList: true, characterData: true, subtree: true});
                """);
        browser.visible("tor-way-running").click();
        browser.visible("tor-control").sendKeys(control);
        browser.visible("tor-start").click();

        browser.until(TOR, d -> d.findElement(By.id("tor-progress")).getText().matches("(Reachable|Not reachable).*"));
        assertThat(browser.visible("tor-progress").getText()).as("what the page said: %s; the page's JVM said: %s",
                browser.<List<?>>js("return window.torSteps"), page.said()).matches("Reachable through Tor in [0-9.]+ s\\..*");
        assertThat(browser.<List<String>>js("return window.torSteps"))
                .anySatisfy(step -> assertThat(step).startsWith("Onion address recorded"));
        String address = browser.visible("tor-address").getAttribute("value");
        assertThat(address).matches("tor-annex::[a-z2-7]{56}\\.onion:\\d+");
        assertThat(AnnexRepository.open(repository.dir()).creds().ownAddresses()).contains(address);
        assertThat(browser.<Long>js("return document.getElementById('tor-qr').naturalWidth")).isPositive();
        assertThat(browser.driver().getPageSource()).as("no token in the page unless asked for")
                .doesNotContain(AnnexRepository.open(repository.dir()).creds().acceptedTokens().stream()
                        .map(t -> t.reveal()).findFirst().orElse("no token yet"));

        browser.visible("tor-copy").click();
        browser.textOnceItShows("tor-progress", "copied");
        assertThat(browser.<String>jsAsync("navigator.clipboard.readText().then(arguments[arguments.length - 1])"))
                .isEqualTo(address);
        browser.screenshotOf("tor", "web-tor");

        browser.visible("tor-revoke").click();
        browser.until(d -> !d.findElement(By.id("tor-result")).isDisplayed());
        assertThat(AnnexRepository.open(repository.dir()).creds().ownAddresses()).doesNotContain(address);
    }
}
