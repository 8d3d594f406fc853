package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.testkit.content.GitAnnexKeys;
import org.junit.jupiter.api.RepeatedTest;

/**
 * When keeplocked answers {"locked":false}, the repository no longer holds the lock: a client that drops right
 * after being told so must not find the content still locked. The unlock runs on the lock's own conversation
 * thread, so before the server waited for it this failed in most repetitions.
 */
class UnlockedMeansGoneTest {
    private static final Key KEY = GitAnnexKeys.all().stream()
            .filter(k -> k.backend().equals("SHA256") && k.size().get() > 100 && k.size().get() < 1 << 20)
            .findFirst().orElseThrow();

    @RepeatedTest(20)
    void keepLockedAnswersUnlockedOnlyOnceTheLockIsGone() throws Exception {
        MemoryRepository repository = new MemoryRepository(Uuid.random());
        repository.putContent(KEY, GitAnnexKeys.content(KEY));
        try (ServerFixture f = new ServerFixture(repository, ServerFixture.wideOpen())) {
            String locked = f.post(f.url("v3", "lockcontent", "&key=" + ServerFixture.key(KEY)), Option.none()).body();
            assertThat(locked).startsWith("{\"locked\":true");
            assertThat(repository.lockCount(KEY)).isEqualTo(1);
            String lockId = locked.replaceAll(".*\"lockid\":\"([^\"]*)\".*", "$1");
            HttpResponse<String> unlocked = f.http.send(HttpRequest.newBuilder(URI.create(
                    f.url("v3", "keeplocked", "&lockid=" + lockId))).POST(BodyPublishers.ofString("{\"unlock\":true}\n"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unlocked.body()).isEqualTo("{\"locked\":false}");
            assertThat(repository.lockCount(KEY)).as("locks held once keeplocked said unlocked").isZero();
        }
    }
}
