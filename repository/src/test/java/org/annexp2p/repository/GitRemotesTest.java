package org.annexp2p.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annexp2p.protocol.wire.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRemotesTest {
    static final Uuid PEER = new Uuid("0f6a7c3e-1b2d-4e5f-8a9b-0c1d2e3f4a5b");

    @TempDir
    Path tmp;

    @Test
    void anAddedRemoteHasItsUrlAndAnnexUuid() throws IOException {
        AnnexRepository repo = AnnexRepository.create(tmp.resolve("r"));
        repo.remotes().add("peer1", "tor-annex::abc.onion:5", PEER);
        String config = Files.readString(tmp.resolve("r/.git/config"));
        assertThat(config).contains("[remote \"peer1\"]", "url = tor-annex::abc.onion:5", "annex-uuid = " + PEER.value());
        assertThat(repo.remotes().names()).containsExactly("peer1");
    }

    @Test
    void theFreePeerNameSkipsTakenOnes() throws IOException {
        GitRemotes remotes = AnnexRepository.create(tmp.resolve("r")).remotes();
        assertThat(remotes.freePeerName()).isEqualTo("peer1");
        remotes.add("peer1", "tor-annex::a.onion:1", PEER);
        remotes.add("peer3", "tor-annex::c.onion:3", PEER);
        assertThat(remotes.freePeerName()).isEqualTo("peer2");
        remotes.add("peer2", "tor-annex::b.onion:2", PEER);
        assertThat(remotes.freePeerName()).isEqualTo("peer4");
    }

    @Test
    void aNameThatLooksLikeAnOptionIsANameNotAnOption() throws IOException {
        GitRemotes remotes = AnnexRepository.create(tmp.resolve("r")).remotes();
        assertThatThrownBy(() -> remotes.add("--mirror=fetch", "tor-annex::a.onion:1", PEER))
                .isInstanceOf(IOException.class).hasMessageContaining("starts with '-'");
        assertThat(remotes.names()).isEmpty();
    }

    @Test
    void anExistingNameIsRefusedAndKeepsItsUrl() throws IOException {
        AnnexRepository repo = AnnexRepository.create(tmp.resolve("r"));
        repo.remotes().add("peer1", "tor-annex::a.onion:1", PEER);
        assertThatThrownBy(() -> repo.remotes().add("peer1", "tor-annex::b.onion:2", Uuid.random()))
                .isInstanceOf(IOException.class).hasMessageContaining("failed");
        assertThat(Files.readString(tmp.resolve("r/.git/config"))).contains("tor-annex::a.onion:1")
                .doesNotContain("b.onion");
    }
}
