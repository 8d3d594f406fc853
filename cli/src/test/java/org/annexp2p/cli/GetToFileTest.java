package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.testkit.content.AnnexedContent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code get KEY OUTFILE} over a connection that drops: OUTFILE appears only with verified content. What arrived
 * before the drop waits under a partial name and the next get resumes from it; bad content never replaces OUTFILE.
 */
class GetToFileTest {
    static final String TOKEN = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    @TempDir
    Path dir;
    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    byte[] content;
    Key key;
    Path outfile;

    @BeforeEach
    void content() throws Exception {
        content = new byte[200_000];
        new Random(7).nextBytes(content);
        key = AnnexedContent.sha256e(content, ".bin");
        outfile = dir.resolve("out.bin");
    }

    @Test
    void aDroppedGetLeavesNoOutfileAndTheNextResumesAndVerifies() throws Exception {
        int cut = content.length * 40 / 100;
        try (HandPlayedPeer peer = new HandPlayedPeer()) {
            CompletableFuture<String> first = peer.next((request, in, out) -> {
                HandPlayedPeer.send(out, "DATA " + content.length);
                out.write(content, 0, cut);
                out.flush();
                return request; // and hang up
            });
            assertThat(get(peer)).as("stderr: %s", err).isEqualTo(1);
            assertThat(first.get(60, TimeUnit.SECONDS)).startsWith("GET 0 ");
            assertThat(outfile).as("unverified bytes under the name asked for").doesNotExist();
            assertThat(partials()).singleElement().satisfies(p -> assertThat(Files.size(p)).isEqualTo(cut));
            assertThat(err.text()).as("one line that says what was kept")
                    .containsOnlyOnce("the " + cut + " bytes received are kept, and get resumes from them\n");

            CompletableFuture<String> second = peer.next((request, in, out) -> {
                long offset = Long.parseLong(request.split(" ")[1]);
                HandPlayedPeer.send(out, "DATA " + (content.length - offset));
                out.write(content, (int) offset, content.length - (int) offset);
                HandPlayedPeer.send(out, "VALID");
                return request + " -> " + HandPlayedPeer.line(in);
            });
            assertThat(get(peer)).as("stderr: %s", err).isZero();
            assertThat(second.get(60, TimeUnit.SECONDS)).as("resumed from what the first get kept")
                    .isEqualTo("GET " + cut + "  " + key + " -> SUCCESS");
        }
        assertThat(Files.readAllBytes(outfile)).isEqualTo(content);
        assertThat(partials()).isEmpty();
    }

    @Test
    void contentThatDoesNotVerifyLeavesAnExistingOutfileAsItWas() throws Exception {
        byte[] before = "what OUTFILE held before\n".getBytes(StandardCharsets.UTF_8);
        Files.write(outfile, before);
        byte[] wrong = content.clone();
        wrong[wrong.length / 2] ^= 1;
        try (HandPlayedPeer peer = new HandPlayedPeer()) {
            CompletableFuture<String> answer = peer.next((request, in, out) -> {
                HandPlayedPeer.send(out, "DATA " + wrong.length);
                out.write(wrong);
                HandPlayedPeer.send(out, "VALID");
                return HandPlayedPeer.line(in);
            });
            assertThat(get(peer)).as("stderr: %s", err).isEqualTo(1);
            assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo("FAILURE");
        }
        assertThat(Files.readAllBytes(outfile)).isEqualTo(before);
        assertThat(partials()).as("bad bytes are not kept to resume from").isEmpty();
    }

    private int get(HandPlayedPeer peer) {
        return Main.run("get", "--address", peer.address(), "--token", TOKEN, key.toString(), outfile.toString());
    }

    private List<Path> partials() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".annex-p2p-partial")).toList();
        }
    }
}
