package org.annexp2p.repository.creds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.annexp2p.protocol.wire.AuthToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedAddressesTest {
    private static final String ONION = "tor-annex::lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion:4242";
    private static final String OTHER = "tor-annex::2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion:1";

    @TempDir
    Path tmp;

    @Test
    void withoutAnAddressNothingIsSharedAndNoTokenAccepted() throws IOException {
        CredsDir creds = new CredsDir(tmp.resolve("creds"));
        assertThat(SharedAddresses.withFreshTokens(creds, new TokenGenerator())).isEmpty();
        assertThat(creds.acceptedTokens()).isEmpty();
    }

    @Test
    void everyAddressGetsItsOwnFreshTokenWhichIsNowAccepted() throws IOException {
        CredsDir creds = new CredsDir(tmp.resolve("creds"));
        creds.addOwnAddress(ONION);
        creds.addOwnAddress(OTHER);

        List<String> shared = SharedAddresses.withFreshTokens(creds, new TokenGenerator());

        assertThat(shared).hasSize(2);
        List<String> own = creds.ownAddresses();
        List<AuthToken> tokens = shared.stream().map(line -> {
            String address = own.stream().filter(a -> line.startsWith(a + ":")).findFirst().orElseThrow();
            String token = line.substring(address.length() + 1);
            assertThat(token).hasSize(TokenGenerator.ADDRESS_TOKEN_LENGTH).matches("[A-Za-z0-9]+");
            return AuthToken.parse(token).get();
        }).toList();
        assertThat(tokens).doesNotHaveDuplicates();
        assertThat(creds.acceptedTokens()).containsAll(tokens);
        assertThat(shared.stream().map(l -> l.substring(0, l.lastIndexOf(':')))).containsExactlyElementsOf(own);
    }
}
