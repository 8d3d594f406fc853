package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annexp2p.testkit.content.AnnexedContent;
import org.annexp2p.testkit.process.RunningCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code annex-p2p serve --listen tls://...} and the client commands as separate processes, as people run them:
 * the server prints the pinned address, put and get use it, a client pinning another key is refused in one line,
 * {@code token} hands out the same pin, and a restarted server keeps its key (and so its addresses).
 */
@Timeout(300)
class TlsServeIT {
    private static final Pattern SERVING = Pattern.compile("serving .* on (tls://\\S+) \\(TLS; clients need this pin\\)");
    private static final Pattern HINT = Pattern.compile("--address tls://HOST:PORT/(\\S+) ");

    @TempDir
    Path tmp;

    @Test
    void putAndGetOverPinnedTlsThroughTheRealCommands() throws Exception {
        GitAnnex.requireInstalled();
        Path repo = GitAnnex.initRepo(tmp.resolve("server"), "server");
        GitAnnex.Result token = AnnexP2p.run(tmp, Map.of(), "token", "--repo", repo.toString()).ok();
        Map<String, String> env = Map.of("GIT_ANNEX_P2P_AUTHTOKEN", token.out().trim());
        byte[] content = "sent over TLS to a pinned key\n".repeat(50_000).getBytes(StandardCharsets.US_ASCII);
        Path in = Files.write(tmp.resolve("in.bin"), content);
        String key = AnnexedContent.of(content, ".bin").keyText();

        String address;
        try (Server serve = Server.start(repo, tmp.resolve("serve1.log"))) {
            address = serve.address();
            assertThat(address).startsWith("tls://127.0.0.1:");
            Matcher hint = HINT.matcher(token.err());
            assertThat(hint.find()).as("token's stderr: %s", token.err()).isTrue();
            assertThat(address).as("token hands out the pin serve uses").endsWith("/" + hint.group(1));

            AnnexP2p.run(tmp, env, "put", "--address", address, key, in.toString()).ok();
            AnnexP2p.run(tmp, env, "get", "--address", address, key, tmp.resolve("out.bin").toString()).ok();
            assertThat(Files.readAllBytes(tmp.resolve("out.bin"))).isEqualTo(content);

            String port = address.substring("tls://127.0.0.1:".length(), address.lastIndexOf('/'));
            String wrongPin = "tls://127.0.0.1:" + port + "/" + "A".repeat(42) + "E";
            GitAnnex.Result refused = AnnexP2p.run(tmp, env, "checkpresent", "--address", wrongPin, key);
            assertThat(refused.exit()).as("could not check").isEqualTo(100);
            assertThat(refused.err().strip()).startsWith("annex-p2p: could not check: refusing " + wrongPin + ": the server presented key ")
                    .doesNotContain("\n").doesNotContain("Exception");

            GitAnnex.Result noPin = AnnexP2p.run(tmp, env, "checkpresent", "--address", "tls://127.0.0.1:" + port, key);
            assertThat(noPin.exit()).as("a usage error").isEqualTo(2);
            assertThat(noPin.err().strip()).contains("the server's key pin is missing").doesNotContain("\n");

            assertThat(serve.process.alive()).as("the server survived the refused clients").isTrue();
            AnnexP2p.run(tmp, env, "checkpresent", "--address", address, key).ok();
        }
        try (Server again = Server.start(repo, tmp.resolve("serve2.log"))) {
            String pinAgain = again.address().substring(again.address().lastIndexOf('/'));
            assertThat(address).as("a restarted server keeps its key").endsWith(pinAgain);
        }
    }

    /** {@code annex-p2p serve --listen tls://127.0.0.1:0} in its own process. */
    private record Server(RunningCommand process) implements AutoCloseable {

        static Server start(Path repo, Path log) throws IOException {
            return new Server(AnnexP2p.command("serve", "--repo", repo.toString(), "--listen", "tls://127.0.0.1:0")
                    .log(log).start());
        }

        /** The address the server printed, once it listens. */
        String address() throws Exception {
            return process.await(SERVING, Duration.ofMinutes(2));
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
