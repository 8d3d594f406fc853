package org.annexp2p.repository.creds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.testkit.annex.GitAnnexVersions.Release;
import org.annexp2p.testkit.repository.GitAnnexFixture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The creds files we write are the ones each git-annex release reads and extends, and the other way round. */
class CredsInteropIT {
    private static final String ADDRESS = "tor-annex::lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion:39140";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void gitAnnexGenAddressesUsesOurAddressesAndKeepsOurTokens(Release release) throws Exception {
        Path dir = GitAnnexFixture.newRepository(release.env(), tmp, "r", false);
        CredsDir creds = AnnexRepository.open(dir).creds();
        creds.addOwnAddress(ADDRESS);
        AuthToken ours = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        creds.addAcceptedToken(ours);

        List<String> printed = GitAnnexFixture.lines(GitAnnexFixture.ok(release.env(), dir, null, "git", "annex", "p2p",
                "--gen-addresses"));
        assertThat(printed).hasSize(1);
        assertThat(printed.get(0)).startsWith(ADDRESS + ":");
        AuthToken theirs = AuthToken.parse(printed.get(0).substring(ADDRESS.length() + 1)).get();
        assertThat(theirs.reveal()).hasSize(128).matches("[0-9a-f]+");

        // git-annex put its new token first and kept ours; we read both, newest first.
        assertThat(creds.acceptedTokens()).containsExactly(theirs, ours);
        assertThat(creds.ownAddresses()).containsExactly(ADDRESS);
    }
}
