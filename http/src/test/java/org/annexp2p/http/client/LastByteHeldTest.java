package org.annexp2p.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LastByteHeldTest {
    private final byte[] content = "twelve bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** What the HTTP client would send, read on its own thread while the sender decides. */
    private byte[] sent(boolean valid) throws Exception {
        LastByteHeld body = new LastByteHeld(new ByteArrayInputStream(content), content.length);
        CompletableFuture<byte[]> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return body.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        body.awaitTaken(new CompletableFuture<>());
        assertThat(reading).isNotDone();
        body.validity(valid);
        return reading.get();
    }

    @Test
    void validContentGoesWhole() throws Exception {
        assertThat(sent(true)).isEqualTo(content);
    }

    @Test
    void invalidContentGoesOneByteShort() throws Exception {
        assertThat(sent(false)).isEqualTo(java.util.Arrays.copyOf(content, content.length - 1));
    }

    @Test
    void aRequestThatEndsFirstSaysWhy() {
        LastByteHeld body = new LastByteHeld(new ByteArrayInputStream(content), content.length);
        assertThatThrownBy(() -> body.awaitTaken(CompletableFuture.failedFuture(new IOException("the server does not allow this"))))
                .hasMessage("the server does not allow this");
    }
}
