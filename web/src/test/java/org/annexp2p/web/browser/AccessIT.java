package org.annexp2p.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Who may see and change the page: the printed URL's token becomes a cookie only the page's own requests carry;
 * without it, with a wrong one, from another site or under another host name nothing is shown or done; no script
 * but the page's own runs.
 */
class AccessIT {
    @RegisterExtension
    static final Browser browser = new Browser();
    @TempDir
    static Path dir;
    private static ServedPage page;

    @BeforeAll
    static void serve() throws IOException {
        page = ServedPage.of(dir.resolve("repo"), "laptop");
    }

    @AfterAll
    static void stop() {
        page.close();
    }

    @Test
    void thePrintedUrlOpensThePageAndItsTokenLeavesTheAddressBarForAnHttpOnlyStrictCookie() {
        browser.open(page.url().toString());
        browser.visible("status");

        assertThat(browser.url()).isEqualTo(page.at("/")).doesNotContain(page.token());
        List<Map<String, Object>> cookies = browser.cookies(page.origin());
        assertThat(cookies).hasSize(1);
        assertThat(cookies.get(0)).containsEntry("value", page.token()).containsEntry("httpOnly", true)
                .containsEntry("sameSite", "Strict");
        assertThat(browser.<String>js("return document.cookie")).isEmpty();

        browser.driver().navigate().refresh();
        browser.visible("status");
        assertThat(browser.url()).isEqualTo(page.at("/"));
    }

    @Test
    void theLinkHandedToTheDesktopsBrowserOpensThePageOnceOnly() {
        String launch = page.launchUrl().toString();
        assertThat(launch).doesNotContain(page.token());
        browser.open(launch);
        browser.visible("status");
        assertThat(browser.url()).isEqualTo(page.at("/"));

        browser.forgetCookies();
        browser.open(launch);
        assertThat(browser.driver().findElements(By.id("status"))).isEmpty();
        assertThat(browser.bodyText()).contains("annex-p2p ui");
        assertThat(browser.cookies(page.origin())).isEmpty();
    }

    @Test
    void withoutTheTokenThePageShowsNothingButWhatToDo() {
        browser.open(page.at("/"));

        assertThat(browser.bodyText()).contains("annex-p2p ui");
        assertThat(browser.driver().findElements(By.id("status"))).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("annex-csrf");
    }

    @Test
    void aWrongTokenIsRefusedAndLeavesNoCookie() {
        String wrong = page.token().substring(1) + (page.token().startsWith("A") ? "B" : "A");
        browser.open(page.at("/?token=" + wrong));

        assertThat(browser.bodyText()).contains("annex-p2p ui");
        assertThat(browser.driver().findElements(By.id("status"))).isEmpty();
        assertThat(browser.cookies(page.origin())).isEmpty();
    }

    @Test
    void aRequestNamingAnotherHostIsRefusedEvenWithTheToken() throws IOException {
        RawHttp served = RawHttp.get(page.port(), "/?token=" + page.token(), "127.0.0.1:" + page.port());
        assertThat(served.header("Set-Cookie")).as("the same request under the served name enters").isNotNull();

        for (String forged : List.of("attacker.example:" + page.port(), "127.0.0.1.attacker.example:" + page.port(),
                "127.0.0.1:" + (page.port() == 65535 ? 1 : page.port() + 1))) {
            RawHttp refused = RawHttp.get(page.port(), "/?token=" + page.token(), forged);
            assertThat(refused.status()).as(forged).isEqualTo(421);
            assertThat(refused.header("Set-Cookie")).as(forged).isNull();
            assertThat(refused.body()).as(forged).doesNotContain("annex-csrf").doesNotContain(page.token());
        }
    }

    @Test
    void aFormOnAnotherSitePostingToThePageIsRefused() throws InterruptedException {
        browser.open(page.url().toString());
        browser.visible("status");
        // Another port of the same host is the same site: the browser sends the SameSite cookie with this post, so
        // what refuses it is the page's Origin and CSRF check.
        try (ForeignSite attacker = ForeignSite.serving(Map.of(
                "/attack.html", "<!doctype html><title>free prizes</title><form id=\"f\" method=\"post\" action=\""
                        + page.at("/api/doctor/run") + "\"><input name=\"x\" value=\"1\"></form>"
                        + "<script src=\"/attack.js\"></script>",
                "/attack.js", "document.getElementById('f').submit();"))) {
            browser.open(attacker.url("/attack.html"));
            browser.until(d -> d.getCurrentUrl().startsWith(page.origin()));

            assertThat(browser.bodyText()).contains("Refused").contains("Origin");
        }
    }

    @Test
    void anotherSitesScriptCannotReadThePage() throws InterruptedException {
        browser.open(page.url().toString());
        browser.visible("status");
        try (ForeignSite attacker = ForeignSite.serving(Map.of(
                "/read.html", "<!doctype html><title>t</title><p id=\"out\">waiting</p><script src=\"/read.js\"></script>",
                "/read.js", "fetch('" + page.at("/") + "', {credentials: 'include'})"
                        + ".then(r => r.text()).then(t => { document.getElementById('out').textContent = 'read: ' + t; })"
                        + ".catch(e => { document.getElementById('out').textContent = 'blocked'; });"))) {
            browser.open(attacker.url("/read.html"));

            browser.until(d -> !d.findElement(By.id("out")).getText().equals("waiting"));
            assertThat(browser.driver().findElement(By.id("out")).getText()).isEqualTo("blocked");
        }
    }

    @Test
    void noScriptRunsButThePagesOwnFiles() throws IOException {
        RawHttp answer = RawHttp.get(page.port(), "/?token=" + page.token(), "127.0.0.1:" + page.port());
        assertThat(answer.header("Content-Security-Policy")).contains("script-src 'self'").contains("default-src 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        browser.open(page.url().toString());
        browser.visible("status");
        assertThat(browser.<Long>js("return document.querySelectorAll('script:not([src]), style, [style]').length"))
                .as("inline scripts and styles in the page").isZero();

        // As an injection would: a script element and an event handler attribute, both written into the page.
        Map<String, Object> outcome = browser.jsAsync("""
                const done = arguments[arguments.length - 1];
                const blocked = [];
                const report = () => done({injected: window.injected === true, handled: window.handled === true,
                    blocked: blocked});
                // Done once both were refused, or once one of them ran.
                document.addEventListener('securitypolicyviolation', e => {
                    blocked.push(e.effectiveDirective);
                    if (blocked.length === 2) report();
                });
                const script = document.createElement('script');
                script.textContent = 'window.injected = true;';
                document.body.appendChild(script);
                const img = document.createElement('img');
                img.setAttribute('onerror', 'window.handled = true;');
                img.addEventListener('error', () => { if (window.handled || window.injected) report(); });
                img.src = 'data:,not-an-image';
                document.body.appendChild(img);
                """);
        assertThat(outcome).containsEntry("injected", false).containsEntry("handled", false);
        assertThat((List<?>) outcome.get("blocked")).hasSize(2).allSatisfy(d -> assertThat((String) d).startsWith("script-src"));
    }
}
