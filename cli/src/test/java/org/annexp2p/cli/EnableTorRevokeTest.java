package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.tor.onion.RepositoryOnion;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code enable-tor --revoke}: the address leaves p2paddrs and its key goes; with no onion it says so. No tor is run. */
class EnableTorRevokeTest {
    static final String ADDRESS = "tor-annex::lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion:5432";

    @TempDir
    Path tmp;
    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    @Test
    void revokeRemovesTheAddressAndTheKeyAndSaysSo() throws Exception {
        AnnexRepository repository = AnnexRepository.create(tmp.resolve("repo"));
        RepositoryOnion onion = RepositoryOnion.of(repository.annexDir(), repository.creds());
        onion.keyFile().writeText("ED25519-V3:not-a-real-key");
        onion.remember(TorAnnexAddress.parse(ADDRESS));
        repository.creds().addOwnAddress(ADDRESS);

        assertThat(Main.run("enable-tor", "--revoke", "--repo", repository.top().toString())).as("%s", err).isZero();

        assertThat(err.text()).startsWith("revoked " + ADDRESS + ": removed from .git/annex/creds/p2paddrs");
        assertThat(repository.creds().ownAddresses()).isEmpty();
        assertThat(Files.exists(onion.keyFile().path())).isFalse();
    }

    @Test
    void aRepositoryWithoutAnOnionHasNothingToRevoke() throws Exception {
        AnnexRepository repository = AnnexRepository.create(tmp.resolve("repo"));
        assertThat(Main.run("enable-tor", "--revoke", "--repo", repository.top().toString())).isZero();
        assertThat(err.text()).isEqualTo("this repository has no onion address to revoke\n");
    }
}
