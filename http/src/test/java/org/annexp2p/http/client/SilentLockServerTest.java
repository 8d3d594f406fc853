package org.annexp2p.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.testkit.await.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server that takes a lock's requests and never answers cannot keep the lock's holder waiting: locking, unlocking
 * and letting go at the end each give up at the client's lock deadline (here short). The class timeout only guards
 * the build against the hang this is about; it measures nothing.
 */
@Timeout(120)
class SilentLockServerTest {
    private final Key key = Key.parse("SHA256E-s3--" + "2".repeat(64)).get();
    private final Duration deadline = Duration.ofMillis(300);

    private P2pHttpClient client(SlowLockServer server) {
        AnnexUrl url = AnnexUrl.parse("annex+http://127.0.0.1:" + server.port() + "/git-annex/").get();
        return new P2pHttpClient(HttpClient.newHttpClient(), url, Uuid.random(), Uuid.random(),
                CredentialSource.fixed(Option.none()), new Silence(deadline, deadline));
    }

    @Test
    void aLockNeverAnsweredFailsInOneLine() throws IOException {
        try (SlowLockServer server = SlowLockServer.silent()) {
            assertThatThrownBy(() -> client(server).lock(key)).isInstanceOf(IOException.class)
                    .hasMessage("the server at http://127.0.0.1:" + server.port() + "/git-annex/ did not answer within 300 ms");
            // The client gives up at its deadline whether or not the server's thread has read the request yet.
            Await.condition("the silent server took the request", () -> !server.events.isEmpty());
            assertThat(server.events).containsExactly("silent");
        }
    }

    @Test
    void anUnlockNeverAnsweredFailsInOneLine() throws IOException {
        try (SlowLockServer server = SlowLockServer.silent()) {
            KeptLock lock = client(server).keepLocked("lock-1");
            assertThatThrownBy(lock::release).isInstanceOf(IOException.class)
                    .hasMessage("the server did not answer the unlock");
        }
    }

    @Test
    void aLockLetGoAtTheEndAndNeverAnsweredStillLetsTheHolderGo() throws IOException {
        try (SlowLockServer server = SlowLockServer.silent()) {
            KeptLock lock = client(server).keepLocked("lock-1");
            lock.close();
            assertThatCode(lock::release).doesNotThrowAnyException();
        }
    }
}
