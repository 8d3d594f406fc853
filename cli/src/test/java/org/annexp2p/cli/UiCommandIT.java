package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.testkit.peers.StandInScript;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code annex-p2p ui} as a person runs it: the URL with its token first on stdout, the browser handed only a
 * one-time launch token, a warning off loopback, and Ctrl-C stopping it cleanly.
 */
class UiCommandIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Pattern URL = Pattern.compile("(?m)^(http://127\\.0\\.0\\.1:[0-9]+/\\?token=[A-Za-z0-9_-]+)$");

    /** The head of the answer to GET {@code url} (the JDK's HTTP client is no module cli reads). */
    private static String head(String url) throws IOException {
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                    + uri.getPort() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return answer.substring(0, answer.indexOf("\r\n\r\n"));
        }
    }

    @TempDir
    Path dir;

    @Test
    void printsTheUrlFirstServesThePageAndStopsOnCtrlC() throws Exception {
        Path repo = AnnexRepository.create(dir.resolve("repo")).top();
        try (RunningCommand ui = Command.java("-jar", AnnexP2p.jar().toString(), "ui", "--no-browser", "--repo", repo.toString()).start()) {
            String url = ui.await(URL, START);
            assertThat(ui.out().lines().findFirst()).contains(url);
            assertThat(head(url)).startsWith("HTTP/1.1 303").contains("HttpOnly");
            ui.signal("INT");
            assertThat(ui.awaitExit(Duration.ofSeconds(30))).as("stderr: %s", ui.err()).isEqualTo(0);
            assertThat(ui.err()).contains("annex-p2p: stopped serving the page (SIGINT)").doesNotContain("Exception");
        }
    }

    @Test
    void theBrowserGetsAOneTimeTokenAndOffLoopbackIsWarnedOf() throws Exception {
        Path repo = AnnexRepository.create(dir.resolve("repo")).top();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path opened = dir.resolve("opened");
        StandInScript.write(bin.resolve("xdg-open"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + opened + "'\n");
        try (RunningCommand ui = Command.java("-jar", AnnexP2p.jar().toString(), "ui", "--repo", repo.toString(), "--listen", "0.0.0.0:0")
                .env("PATH", bin + ":" + System.getenv("PATH")).start()) {
            String url = ui.await(URL, START);
            ui.awaitErr(Pattern.compile("(warning: the page listens on 0\\.0\\.0\\.0:0, off loopback)"), START);
            long until = System.nanoTime() + START.toNanos();
            while (!Files.exists(opened) || Files.readString(opened).isEmpty()) {
                assertThat(System.nanoTime()).as("xdg-open was run").isLessThan(until);
                Thread.sleep(20);
            }
            String launch = Files.readString(opened).trim();
            String token = url.substring(url.indexOf("token=") + "token=".length());
            assertThat(launch).contains("/?launch=").doesNotContain(token);
            assertThat(head(launch)).startsWith("HTTP/1.1 303").contains("=" + token + ";");
            assertThat(head(launch)).as("spent").startsWith("HTTP/1.1 401");
            ui.signal("TERM");
            assertThat(ui.awaitExit(Duration.ofSeconds(30))).isEqualTo(0);
        }
    }

    @Test
    void aMalformedListenIsBadUsage() throws Exception {
        var finished = Command.java("-jar", AnnexP2p.jar().toString(), "ui", "--no-browser", "--listen", "nowhere").run();
        assertThat(finished.exit()).isEqualTo(2);
        assertThat(finished.err()).contains("--listen takes HOST:PORT");
    }
}
