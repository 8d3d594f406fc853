package org.annexp2p.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.annexp2p.pairing.doctor.Check;
import org.annexp2p.pairing.doctor.Doctor;
import org.annexp2p.pairing.doctor.LanCheckOptions;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.annexp2p.testkit.wormhole.WormholeServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What the page's sections show of one repository, and how: the diagnostics, every control named for a screen
 * reader, and the whole page usable at phone width. The page runs in its own JVM with a wormhole server address
 * that nothing answers, so the doctor's checks stay on this host (and one of them fails, with its fix).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SectionsIT {
    @RegisterExtension
    static final Browser browser = new Browser();
    @TempDir
    static Path dir;
    private static TemporaryRepository repository;
    private static String relayUrl;
    private static PageProcess page;

    @BeforeAll
    static void start() throws Exception {
        repository = TemporaryRepository.annex(dir.resolve("repo"), "laptop");
        relayUrl = "ws://127.0.0.1:" + WormholeServers.freePort() + "/v1";
        page = PageProcess.start(repository.dir(), Map.of("WORMHOLE_RELAY_URL", relayUrl), dir.resolve("page.log"));
    }

    @AfterAll
    static void stop() {
        page.close();
    }

    @Test
    @Order(1)
    void diagnosticsShowEveryDoctorCheckWithItsStateAndTheReportToCopy() throws Exception {
        // What `annex-p2p doctor` finds here, found while the page runs the same checks.
        CompletableFuture<List<Check>> doctor = CompletableFuture.supplyAsync(() -> Doctor.run(new Doctor.Options(
                LanCheckOptions.loopback(0, freeUdpPort()), Optional.empty(), Optional.of(relayUrl),
                Optional.of(repository.dir()), Map.of("WORMHOLE_RELAY_URL", relayUrl)), check -> { }));
        browser.open(page.url().toString());
        browser.allowClipboard(page.origin());
        browser.visible("doctor-run").click();
        browser.until(d -> !d.findElement(By.id("doctor-report")).getText().isEmpty());

        List<Check> expected = doctor.get(2, TimeUnit.MINUTES);
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#doctor-rows tr.doctor-row"));
        assertThat(rows).extracting(r -> r.getAttribute("data-check"))
                .containsExactlyElementsOf(expected.stream().map(Check::name).toList());
        String report = browser.driver().findElement(By.id("doctor-report")).getText();
        for (WebElement row : rows) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            String state = cells.get(0).getText();
            assertThat(state).isIn("OK", "WARN", "FAIL", "SKIP");
            assertThat(cells.get(2).getText()).as("reason of %s", row.getAttribute("data-check")).isNotBlank();
            assertThat(report).containsPattern("(?m)^" + state + " +" + Pattern.quote(row.getAttribute("data-check")));
        }
        WebElement wormhole = rows.stream().filter(r -> "wormhole server".equals(r.getAttribute("data-check"))).findFirst().orElseThrow();
        assertThat(wormhole.findElement(By.cssSelector("td:first-child")).getText()).isEqualTo("FAIL");
        assertThat(wormhole.findElement(By.cssSelector("td.doctor-reason")).getText()).contains(relayUrl)
                .contains("does not answer").doesNotContain("--relay-url");
        assertThat(wormhole.findElement(By.cssSelector("td.doctor-fix")).getText())
                .as("a failing check says what to do, apart from what it found").contains("--relay-url");
        for (WebElement row : rows) {
            boolean wrong = List.of("WARN", "FAIL").contains(row.findElement(By.cssSelector("td:first-child")).getText());
            assertThat(row.findElement(By.cssSelector("td.doctor-fix")).getText().isBlank())
                    .as("whether %s says what to do", row.getAttribute("data-check")).isEqualTo(!wrong);
        }

        browser.visible("doctor-copy").click();
        browser.textOnceItShows("doctor-summary", "copied");
        String copied = browser.jsAsync("navigator.clipboard.readText().then(arguments[arguments.length - 1])");
        assertThat(copied.strip()).isEqualTo(report.strip());
        assertThat(copied).as("the copied report has the fix too")
                .contains(wormhole.findElement(By.cssSelector("td.doctor-fix")).getText());
        browser.screenshotOf("doctor", "web-doctor");
    }

    @Test
    void everyControlHasANameAScreenReaderReads() {
        browser.open(page.url().toString());
        browser.visible("doctor-run");
        // Controls the page shows only at times (an error's Dismiss, a result's buttons) are named too: shown here,
        // and again whenever the page's scripts hide them while they load their state.
        browser.js("""
                const unhide = () => document.querySelectorAll('[hidden]').forEach(e => { e.hidden = false; });
                unhide();
                new MutationObserver(unhide).observe(document.body, {attributes: true, subtree: true,
                    attributeFilter: ['hidden']});
                """);

        List<WebElement> controls = browser.driver().findElements(By.cssSelector(
                "button, input, select, textarea, progress, a[href], [role=button], [tabindex]"));
        assertThat(controls).hasSizeGreaterThan(10);
        for (WebElement control : controls) {
            assertThat(control.getAccessibleName()).as("the accessible name of %s#%s", control.getTagName(),
                    control.getAttribute("id")).isNotBlank();
        }
    }

    /** After the diagnostics ran, so that their table (the widest part) is on the page too. */
    @Test
    @Order(2)
    void atPhoneWidthNothingScrollsSidewaysAndEveryControlIsOnScreen() throws Exception {
        browser.phone(375, 812);
        browser.open(page.url().toString());
        browser.visible("doctor-run");
        browser.until(d -> !d.findElements(By.cssSelector("#doctor-rows tr")).isEmpty());

        assertThat(browser.<Long>js("return window.innerWidth")).isEqualTo(375L);
        assertThat(browser.<Long>js("return document.documentElement.scrollWidth")).as("the page's width").isLessThanOrEqualTo(375L);
        List<Map<String, Object>> outside = browser.js("""
                return [...document.querySelectorAll('button, input, select, textarea, a[href], table, pre')]
                    .filter(e => e.offsetParent !== null)
                    .map(e => ({id: e.id || e.tagName, left: e.getBoundingClientRect().left,
                                right: e.getBoundingClientRect().right}))
                    .filter(r => r.left < 0 || r.right > window.innerWidth + 0.5);
                """);
        assertThat(outside).as("controls cut off at the right or left").isEmpty();
        browser.screenshot("web-phone");
    }

    /**
     * How long the page takes to load, as the browser measures it (Navigation Timing), printed for docs/web.md: the
     * first visit (the token turned into a cookie, then the redirect) and a reload with the cookie.
     */
    @Test
    void thePageLoadsAndTheBrowserSaysHowLongItTook() {
        browser.open(page.url().toString());
        Map<String, Object> first = navigationTiming();
        browser.open(page.origin() + "/");
        Map<String, Object> again = navigationTiming();
        for (Map<String, Object> timing : List.of(first, again)) {
            System.out.printf(java.util.Locale.ROOT, "SectionsIT page load (%s, redirects %s): response %.1f ms, DOM ready %.1f ms,"
                    + " load %.1f ms, %s bytes%n", timing.get("type"), timing.get("redirectCount"), millis(timing, "responseEnd"),
                    millis(timing, "domContentLoadedEventEnd"), millis(timing, "loadEventEnd"), timing.get("transferSize"));
        }
        assertThat(first.get("redirectCount")).as("the token left the address by a redirect").isEqualTo(1L);
        assertThat(again.get("redirectCount")).isEqualTo(0L);
        assertThat(millis(again, "loadEventEnd")).isGreaterThanOrEqualTo(millis(again, "responseEnd"));
    }

    private static Map<String, Object> navigationTiming() {
        browser.visible("doctor-run");
        return browser.until(d -> browser.<Map<String, Object>>js("""
                const n = performance.getEntriesByType('navigation')[0];
                return n && n.loadEventEnd > 0 ? n.toJSON() : null;
                """));
    }

    private static double millis(Map<String, Object> timing, String name) {
        return ((Number) timing.get(name)).doubleValue();
    }

    private static int freeUdpPort() {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }
}
