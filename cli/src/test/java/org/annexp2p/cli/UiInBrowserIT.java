package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.annexp2p.web.browser.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/annex-p2p ui} as a person starts it, in a real browser (web's browser harness, from its test jar): the
 * first line it prints is the page's address, which opens the page; the token leaves the address bar; a reload
 * works; Ctrl-C stops it and frees the port. The page's other tests run its server in their own JVM: in the build,
 * web's tests run before this module's tool is packaged.
 */
class UiInBrowserIT {
    private static final Pattern URL = Pattern.compile("(?m)^(http://127\\.0\\.0\\.1:\\d+/\\?token=\\S+)$");

    @RegisterExtension
    static final Browser browser = new Browser();
    @TempDir
    Path dir;

    @Test
    void thePrintedAddressOpensThePageAndCtrlCStopsIt() throws Exception {
        TemporaryRepository repo = TemporaryRepository.annex(dir.resolve("repo"), "desk");
        // As a terminal starts it: SIGINT not ignored (a build's background job may have it ignored, and a JVM keeps it so).
        try (RunningCommand ui = Command.of("env", "--default-signal=INT,TERM", Launcher.path().toString(), "ui",
                "--no-browser", "--repo", repo.dir().toString(), "--listen", "127.0.0.1:0").start()) {
            String url = ui.await(URL, Duration.ofSeconds(120));
            assertThat(ui.out().lines().findFirst()).as("its first line").contains(url);
            int port = URI.create(url).getPort();

            browser.open(url);
            browser.visible("status");
            assertThat(browser.url()).isEqualTo("http://127.0.0.1:" + port + "/");
            browser.driver().navigate().refresh();
            browser.visible("status");

            ui.signal("INT");
            assertThat(ui.awaitExit(Duration.ofSeconds(30))).as("exit code; it said:%n%s", ui.said()).isZero();
            assertThat(answers(port)).as("port %d still answers", port).isFalse();
        }
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
