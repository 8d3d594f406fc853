package org.annexp2p.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The browser harness itself, against a page this test serves: drives a real Chromium, resets it, photographs. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HarnessIT {
    @RegisterExtension
    static final Browser browser = new Browser();
    private static ForeignSite site;

    @BeforeAll
    static void serve() throws InterruptedException {
        site = ForeignSite.serving(Map.of(
                "/page.html", "<!doctype html><title>t</title><button id=\"go\">go</button><p id=\"out\"></p>"
                        + "<script src=\"/page.js\"></script>",
                "/page.js", "document.getElementById('go').addEventListener('click', () => {"
                        + " document.cookie = 'seen=1'; document.getElementById('out').textContent = 'clicked'; });"));
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    @Order(1)
    void drivesAPageItsScriptAndItsCookies() throws IOException {
        browser.open(site.url("/page.html"));
        browser.visible("go").click();

        assertThat(browser.textOnceItShows("out", "clicked")).isEqualTo("clicked");
        assertThat(browser.<String>js("return document.cookie")).isEqualTo("seen=1");
        Path shot = browser.screenshot("HarnessIT-explicit");
        assertThat(Files.readAllBytes(shot)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    @Order(2)
    void eachTestStartsWithoutTheCookiesOfTheOneBefore() {
        assertThat(browser.url()).isEqualTo("about:blank");
        browser.open(site.url("/page.html"));

        assertThat(browser.<String>js("return document.cookie")).isEmpty();
    }

    @Test
    @Order(3)
    void theTestBeforeWasPhotographed() {
        assertThat(Browser.SCREENSHOTS.resolve("HarnessIT-drivesAPageItsScriptAndItsCookies.png")).isNotEmptyFile();
    }
}
