package org.annexp2p.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.annexp2p.http.server.AuthPolicy;
import org.annexp2p.http.server.P2pHttpServer;
import org.annexp2p.http.server.ServedRepositories;
import org.annexp2p.http.server.Users;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.testkit.content.GitAnnexKeys;
import org.annexp2p.testkit.process.Command;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials from git's credential helpers, asked only once the server wants them, and what git is told after. */
class GitCredentialsTest {
    @TempDir
    Path tmp;

    private final MemoryRepository served = new MemoryRepository(Uuid.random());
    private final Key key = GitAnnexKeys.all().get(0);
    private P2pHttpServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    /** A client whose repository's credential helper answers with {@code password} and logs what it was asked. */
    private P2pHttpClient client(String password) throws Exception {
        Users users = Users.fromEnvironment(Map.of("GIT_ANNEX_P2PHTTP_PASSWORD_alice", "s3cret"));
        server = P2pHttpServer.start(new P2pHttpServer.Settings("127.0.0.1", 0, Option.none(),
                new AuthPolicy(Option.none(), false, false, true, users), 64, 16, P2pHttpServer.Settings.DEFAULT_IDLE),
                ServedRepositories.single(served));
        Path helper = tmp.resolve("helper");
        Files.writeString(helper, "#!/bin/sh\necho \"$1 $(cat | tr '\\n' ' ')\" >> " + tmp.resolve("asked")
                + "\n[ \"$1\" = get ] && printf 'username=alice\\npassword=" + password + "\\n'\nexit 0\n");
        helper.toFile().setExecutable(true);
        Git git = new Git(tmp.resolve("repo/.git"));
        Command.of("git", "init", "-q", tmp.resolve("repo").toString()).run().ok();
        git.run("", "config", "credential.helper", helper.toString());
        AnnexUrl url = AnnexUrl.parse("annex+http://127.0.0.1:" + server.address().getPort() + "/git-annex/").get();
        return new P2pHttpClient(HttpClients.from(Map.of()), url, served.uuid(), Uuid.random(),
                new GitCredentials(tmp.resolve("repo/.git"), url));
    }

    private String asked() throws IOException {
        return Files.readString(tmp.resolve("asked"));
    }

    @Test
    void askedAfterA401AndApprovedWhenTheyWork() throws Exception {
        P2pHttpClient c = client("s3cret");
        assertThat(c.checkPresent(key)).isFalse();
        assertThat(c.checkPresent(key)).isFalse();
        String url = "protocol=http host=127.0.0.1:" + server.address().getPort();
        assertThat(asked().lines()).hasSize(2);
        assertThat(asked().lines().toList().get(0)).startsWith("get " + url);
        assertThat(asked().lines().toList().get(1)).startsWith("store ").contains("username=alice password=s3cret");
    }

    @Test
    void wrongOnesAreRejectedAndSaidSo() throws Exception {
        P2pHttpClient c = client("wrong");
        assertThatThrownBy(() -> c.checkPresent(key)).hasMessage("the server did not accept the credentials from git's "
                + "credential helpers for http://127.0.0.1:" + server.address().getPort() + "/git-annex/");
        assertThat(asked().lines()).hasSize(2);
        assertThat(asked().lines().toList().get(1)).startsWith("erase ").contains("username=alice");
    }
}
