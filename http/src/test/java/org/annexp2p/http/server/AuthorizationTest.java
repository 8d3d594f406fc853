package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.lang.reflect.Proxy;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.repository.Repository;
import org.annexp2p.testkit.content.GitAnnexKeys;
import org.junit.jupiter.api.Test;

class AuthorizationTest {
    private static final Users USERS = Users.fromEnvironment(Map.of(
            "GIT_ANNEX_P2PHTTP_PASSWORD_alice", "wonder land",
            "GIT_ANNEX_P2PHTTP_PASSWORD_reader", "r-secret", "GIT_ANNEX_P2PHTTP_PERMISSIONS_reader", "readonly",
            "GIT_ANNEX_P2PHTTP_PASSWORD_adder", "a-secret", "GIT_ANNEX_P2PHTTP_PERMISSIONS_adder", "appendonly"));

    private final MemoryRepository memory = new MemoryRepository(Uuid.random());
    /** Every call any Local instruction makes lands on the repository: counting them shows what was reached. */
    private final AtomicInteger calls = new AtomicInteger();
    private final Repository counted = (Repository) Proxy.newProxyInstance(Repository.class.getClassLoader(),
            new Class<?>[] {Repository.class}, (proxy, method, args) -> {
                if (!method.getName().equals("uuid")) {
                    calls.incrementAndGet();
                }
                try {
                    return method.invoke(memory, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    private static Key key() {
        return GitAnnexKeys.all().stream().filter(k -> k.size().get() == 64).findFirst().orElseThrow();
    }

    private static AuthPolicy authEnvHttp(Option<ServerMode> unauthenticated, boolean locking) {
        return new AuthPolicy(unauthenticated, locking, false, true, USERS);
    }

    @Test
    void withoutUnauthenticatedAccessARequestMustLogInAndReachesNothing() throws Exception {
        try (ServerFixture f = new ServerFixture(counted, authEnvHttp(Option.none(), true))) {
            var r = f.post(f.url("v3", "checkpresent", "&key=" + ServerFixture.key(key())), Option.none());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"git-annex\", charset=\"UTF-8\"");
            assertThat(f.post(f.url("v3", "checkpresent", "&key=" + ServerFixture.key(key())),
                    Option.some(ServerFixture.basic("alice", "wrong"))).statusCode()).isEqualTo(401);
            assertThat(f.put(f.url("v3", "put", "&key=" + ServerFixture.key(key())), 64,
                    BodyPublishers.ofByteArray(GitAnnexKeys.content(key()))).statusCode()).isEqualTo(401);
            assertThat(calls.get()).isZero();
            assertThat(f.post(f.url("v3", "checkpresent", "&key=" + ServerFixture.key(key())),
                    Option.some(ServerFixture.basic("alice", "wonder land"))).body()).isEqualTo("{\"present\":false}");
            assertThat(calls.get()).isPositive();
        }
    }

    @Test
    void aReadOnlyUserReadsButCannotWriteRemoveOrLock() throws Exception {
        memory.putContent(key(), GitAnnexKeys.content(key()));
        try (ServerFixture f = new ServerFixture(counted, authEnvHttp(Option.none(), true))) {
            Option<String> reader = Option.some(ServerFixture.basic("reader", "r-secret"));
            assertThat(f.post(f.url("v3", "checkpresent", "&key=" + ServerFixture.key(key())), reader).body()).isEqualTo("{\"present\":true}");
            int before = calls.get();
            assertThat(f.post(f.url("v3", "remove", "&key=" + ServerFixture.key(key())), reader).statusCode()).isEqualTo(403);
            assertThat(f.post(f.url("v3", "lockcontent", "&key=" + ServerFixture.key(key())), reader).statusCode()).isEqualTo(403);
            assertThat(f.post(f.url("v3", "putoffset", "&key=" + ServerFixture.key(key())), reader).statusCode()).isEqualTo(403);
            assertThat(calls.get()).isEqualTo(before);
            assertThat(memory.content(key()).isDefined()).isTrue();
        }
    }

    @Test
    void anAppendOnlyUserStoresButCannotRemove() throws Exception {
        try (ServerFixture f = new ServerFixture(counted, authEnvHttp(Option.none(), true))) {
            Option<String> adder = Option.some(ServerFixture.basic("adder", "a-secret"));
            assertThat(f.post(f.url("v3", "putoffset", "&key=" + ServerFixture.key(key())), adder).body()).isEqualTo("{\"offset\":0}");
            assertThat(f.post(f.url("v3", "remove", "&key=" + ServerFixture.key(key())), adder).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void unauthenticatedReadersMayLockUnlessToldNotAndMayBeAskedToLogInForMore() throws Exception {
        memory.putContent(key(), GitAnnexKeys.content(key()));
        try (ServerFixture f = new ServerFixture(counted, authEnvHttp(Option.some(ServerMode.READ_ONLY), true))) {
            assertThat(f.post(f.url("v3", "lockcontent", "&key=" + ServerFixture.key(key())), Option.none()).body()).startsWith("{\"locked\":true");
            assertThat(f.post(f.url("v3", "remove", "&key=" + ServerFixture.key(key())), Option.none()).statusCode()).isEqualTo(401);
            assertThat(f.post(f.url("v3", "remove", "&key=" + ServerFixture.key(key())),
                    Option.some(ServerFixture.basic("alice", "nope"))).statusCode()).isEqualTo(403);
        }
        try (ServerFixture f = new ServerFixture(counted, new AuthPolicy(Option.some(ServerMode.READ_ONLY), false, false, false, Users.none()))) {
            assertThat(f.post(f.url("v3", "lockcontent", "&key=" + ServerFixture.key(key())), Option.none()).statusCode()).isEqualTo(403);
            assertThat(f.post(f.url("v3", "checkpresent", "&key=" + ServerFixture.key(key())), Option.none()).body()).isEqualTo("{\"present\":true}");
        }
    }

    @Test
    void authEnvChecksNoPasswordOverPlainHttp() throws Exception {
        AuthPolicy httpsOnly = new AuthPolicy(Option.none(), true, true, false, USERS);
        try (ServerFixture f = new ServerFixture(counted, httpsOnly)) {
            assertThat(f.post(f.url("v3", "checkpresent", "&key=" + ServerFixture.key(key())),
                    Option.some(ServerFixture.basic("alice", "wonder land"))).statusCode()).isEqualTo(401);
            assertThat(calls.get()).isZero();
        }
    }

    @Test
    void usersAreNeverShownWithTheirPasswords() {
        assertThat(USERS.toString()).doesNotContain("secret").doesNotContain("wonder");
        assertThat(USERS.authenticate(ServerFixture.basic("alice", "wonder land"))).contains(ServerMode.READ_WRITE);
        assertThat(USERS.authenticate(ServerFixture.basic("nobody", "wonder land"))).isEmpty();
        assertThat(USERS.authenticate("Basic !!!")).isEmpty();
        assertThat(USERS.authenticate("Bearer x")).isEmpty();
    }
}
