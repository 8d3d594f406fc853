package org.annexp2p.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import org.annexp2p.protocol.wire.Uuid;
import org.junit.jupiter.api.Test;

class AnnexUrlTest {
    @Test
    void aUuidAfterGitAnnexNamesTheRepositoryAndIsNotPartOfTheBase() {
        AnnexUrl u = AnnexUrl.parse("annex+http://127.0.0.1:8080/git-annex/5d1c1e8e-0d6f-4a7e-9d0a-1b2c3d4e5f60").get();
        assertThat(u.base().toString()).isEqualTo("http://127.0.0.1:8080/git-annex/");
        assertThat(u.repository()).isEqualTo(Option.some(new Uuid("5d1c1e8e-0d6f-4a7e-9d0a-1b2c3d4e5f60")));
        assertThat(u.sameServer(AnnexUrl.parse("annex+http://127.0.0.1:8080/git-annex/").get())).isTrue();
        assertThat(AnnexUrl.parse("annex+https://host/prefix/git-annex/").get().repository()).isEmpty();
        assertThat(AnnexUrl.parse("annex+https://host/prefix/git-annex/").get().base().toString())
                .isEqualTo("https://host:9417/prefix/git-annex/");
    }

    @Test
    void anAddressThatCouldMisleadIsRefused() {
        assertThat(AnnexUrl.parse("annex+http://host/git-annex/a%20b").isLeft()).isTrue();
        assertThat(AnnexUrl.parse("annex+http://host/git-annex/a%0Ab").isLeft()).isTrue();
        assertThat(AnnexUrl.parse("annex+http://host/git-annex/?u=1").isLeft()).isTrue();
        assertThat(AnnexUrl.parse("annex+http://user@host/git-annex/").isLeft()).isTrue();
        assertThat(AnnexUrl.parse("annex+http://[::1]:9417/git-annex/").get().base().toString())
                .isEqualTo("http://[::1]:9417/git-annex/");
    }

    @Test
    void plainHttpOffThisMachineIsPlaintextOnANetwork() {
        assertThat(AnnexUrl.parse("annex+http://10.1.2.3:9417/git-annex/").get().plaintextOffMachine()).isTrue();
        assertThat(AnnexUrl.parse("annex+http://[2001:db8::1]/git-annex/").get().plaintextOffMachine()).isTrue();
        assertThat(AnnexUrl.parse("annex+http://127.0.0.1:9417/git-annex/").get().plaintextOffMachine()).isFalse();
        assertThat(AnnexUrl.parse("annex+http://[::1]:9417/git-annex/").get().plaintextOffMachine()).isFalse();
        assertThat(AnnexUrl.parse("annex+https://10.1.2.3:9417/git-annex/").get().plaintextOffMachine()).isFalse();
    }
}
