package org.annexp2p.session.tor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.tor.onion.RepositoryOnion;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revoking an onion: its p2paddrs entry and key go, other addresses stay, the next port is a new choice. */
class OnionRevocationTest {
    static final String OURS = "tor-annex::lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion:5432";
    static final String OTHER = "tor-annex::2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion:6000";

    @TempDir
    Path annex;

    @Test
    void theAddressLeavesP2paddrsAndTheKeyIsDeleted() throws Exception {
        CredsDir creds = new CredsDir(annex.resolve("creds"));
        RepositoryOnion onion = RepositoryOnion.of(annex, creds);
        creds.addOwnAddress(OTHER);
        creds.addOwnAddress(OURS);
        onion.keyFile().writeText("ED25519-V3:secret");
        onion.remember(TorAnnexAddress.parse(OURS));

        assertThat(OnionRevocation.revoke(creds, onion)).contains(OURS);

        assertThat(creds.ownAddresses()).containsExactly(OTHER);
        assertThat(Files.exists(onion.keyFile().path())).isFalse();
        assertThat(onion.published()).isEmpty();
    }

    @Test
    void aRepositoryWithoutAnOnionHasNothingToRevokeAndKeepsItsAddresses() throws Exception {
        CredsDir creds = new CredsDir(annex.resolve("creds"));
        creds.addOwnAddress(OTHER);

        assertThat(OnionRevocation.revoke(creds, RepositoryOnion.of(annex, creds))).isEmpty();

        assertThat(creds.ownAddresses()).containsExactly(OTHER);
    }
}
