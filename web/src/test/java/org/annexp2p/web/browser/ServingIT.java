package org.annexp2p.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.annexp2p.http.server.P2pHttpServer;
import org.annexp2p.http.server.RepositoryChoice;
import org.annexp2p.http.server.ServerSettings;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.repository.serving.ServingRecord;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Status's "Being served now": a repository served on loopback TCP (as {@code serve --listen} serves it) and by a
 * p2phttp server, both recording what they serve; each row's "check now" reaches it for real. Stopped, a server's
 * row goes, and with both stopped the page says how to start one.
 */
class ServingIT {
    @RegisterExtension
    static final Browser browser = new Browser();
    @TempDir
    static Path dir;

    @Test
    void servedWaysAreListedCheckedAndGoneOnceStopped() throws Exception {
        TemporaryRepository laptop = TemporaryRepository.annex(dir.resolve("laptop"), "laptop on the desk");
        AnnexRepository.open(laptop.dir()).creds().addAcceptedToken(new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH));
        ServerSettings.Plan plan = new ServerSettings(Option.some("127.0.0.1"), 0, Option.none(),
                new ServerSettings.HttpsIdentityFiles(Option.none(), Option.none(), Option.none()),
                new ServerSettings.Access(false, false, true, false, false, false), 10).plan(Map.of());
        RepositoryChoice choice = RepositoryChoice.open(laptop.dir(), List.of());
        Path forged = forgedEntry(laptop);
        try (PageProcess page = PageProcess.start(laptop.dir(), Map.of(), dir.resolve("page.log"))) {
            serveCheckAndStop(page, laptop, plan, choice);
            Files.delete(forged);
            browser.until(d -> d.findElement(By.id("status-running-none")).isDisplayed());
            assertThat(browser.visible("status-running-none").getText()).contains("annex-p2p serve --listen 127.0.0.1:PORT")
                    .contains("annex-p2p p2phttp");
        }
    }

    private static void serveCheckAndStop(PageProcess page, TemporaryRepository laptop, ServerSettings.Plan plan,
            RepositoryChoice choice) throws Exception {
        try (P2pHttpServer http = P2pHttpServer.start(plan.server(), choice.served());
                AutoCloseable recorded = choice.record(plan, http)) {
            String httpAddress = "annex+http://127.0.0.1:" + http.address().getPort() + "/git-annex/" + laptop.uuid();
            String tcpAddress;
            try (ServedPeer tcp = ServedPeer.serve(laptop.dir())) {
                tcpAddress = "tcp://" + tcp.hostPort();
                browser.open(page.url().toString());
                assertThat(row(tcpAddress).getText()).contains("TCP").contains("pid " + ProcessHandle.current().pid());
                assertThat(row(httpAddress).getText()).contains("HTTP (p2phttp)");
                // Of the forged entry only its well-formed way is shown; its markup line is not, as HTML or as text.
                assertThat(row("tcp://127.0.0.1:1").getText()).contains("TCP");
                assertThat(browser.driver().findElements(By.cssSelector("#status-running img"))).isEmpty();
                assertThat(browser.driver().findElement(By.id("status-running")).getText()).doesNotContain("onerror");

                row(tcpAddress).findElement(By.className("status-way-check")).click();
                row(httpAddress).findElement(By.className("status-way-check")).click();
                assertThat(answerOnceChecked(tcpAddress)).startsWith("reachable, ").contains(laptop.uuid());
                assertThat(answerOnceChecked(httpAddress)).startsWith("reachable, ").contains(laptop.uuid());
                browser.screenshotOf("status", "web-serving");
            }
            browser.until(d -> d.findElements(By.cssSelector(selector(tcpAddress))).isEmpty());
            assertThat(row(httpAddress).getText()).contains("reachable, ");
            assertThat(browser.driver().findElement(By.id("status-running-none")).isDisplayed()).isFalse();
        }
    }

    /**
     * An entry as anyone able to write the repository could leave it, for this (live) process: one well-formed way
     * and one whose address is markup.
     */
    private static Path forgedEntry(TemporaryRepository repository) throws Exception {
        ProcessHandle self = ProcessHandle.current();
        Path record = Files.createDirectories(repository.dir().resolve(".git/annex").resolve(ServingRecord.DIRECTORY));
        Path file = record.resolve(self.pid() + ".999");
        Files.writeString(file, "annex-p2p serving 1\npid " + self.pid() + "\nstarted " + self.info().startInstant().orElseThrow()
                + "\nway tcp " + Instant.now() + " tcp://127.0.0.1:1\nway tcp " + Instant.now()
                + " tcp://<img/src=x/onerror=document.title='owned'>\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static String selector(String address) {
        return "#status-running tr.status-way[data-address='" + address + "']";
    }

    private static WebElement row(String address) {
        return browser.until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector(selector(address)));
            return rows.isEmpty() ? null : rows.get(0);
        });
    }

    private static String answerOnceChecked(String address) {
        return browser.until(d -> {
            String text = row(address).findElement(By.className("status-way-answer")).getText();
            return text.startsWith("reachable") || text.startsWith("not reachable") ? text : null;
        });
    }
}
