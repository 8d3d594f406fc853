package org.annexp2p.repository.creds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.annexp2p.protocol.wire.AuthToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressTokensTest {
    private static final String IROH = "p2p-annex::iroh:abc:1";
    private static final String YGG = "p2p-annex::ygg:abc:1";

    @TempDir
    Path tmp;

    private final AuthToken a = AuthToken.parse("aaaa1111").get();
    private final AuthToken b = AuthToken.parse("bbbb2222").get();
    private final AuthToken plain = AuthToken.parse("cccc3333").get();

    @Test
    void aTokenIsAcceptedOnItsAddressOnlyAndNeverAsAPlainToken() throws IOException {
        CredsDir creds = new CredsDir(tmp.resolve("creds"));
        AddressTokens.accept(creds, a, IROH);
        AddressTokens.accept(creds, b, YGG);
        creds.addAcceptedToken(plain);

        assertThat(AddressTokens.acceptedOn(creds, IROH)).containsExactly(a);
        assertThat(AddressTokens.acceptedOn(creds, YGG)).containsExactly(b);
        assertThat(AddressTokens.acceptedOn(creds, "p2p-annex::iroh:abc")).isEmpty();
        assertThat(creds.acceptedTokens()).containsExactly(plain);
        assertThat(Files.readString(tmp.resolve("creds/p2pauth")))
                .isEqualTo("cccc3333\nbbbb2222 " + YGG + "\naaaa1111 " + IROH + "\n");
    }

    @Test
    void addingAPlainTokenKeepsEveryNetworkLine() throws IOException {
        // Before AddressTokens, adding a plain token rewrote p2pauth with plain tokens only, dropping git-annex's
        // network lines, so `annex-p2p token` silently shut every network's peers out.
        CredsDir creds = new CredsDir(tmp.resolve("creds"));
        AddressTokens.accept(creds, a, IROH);
        creds.addAcceptedToken(plain);
        creds.addAcceptedToken(b);
        assertThat(AddressTokens.acceptedOn(creds, IROH)).containsExactly(a);
        assertThat(creds.acceptedTokens()).containsExactly(b, plain);
    }

    @Test
    void theSameTokenOnTheSameAddressIsOneLineAndAnAddressIsOneLine() throws IOException {
        CredsDir creds = new CredsDir(tmp.resolve("creds"));
        AddressTokens.accept(creds, a, IROH);
        AddressTokens.accept(creds, a, IROH);
        assertThat(Files.readAllLines(tmp.resolve("creds/p2pauth"))).isEqualTo(List.of("aaaa1111 " + IROH));
        assertThatThrownBy(() -> AddressTokens.accept(creds, b, "p2p-annex::x:y\nzzzz9999"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void genAddressesGivesANetworkAddressATokenForThatAddressOnly() throws IOException {
        CredsDir creds = new CredsDir(tmp.resolve("creds"));
        creds.addOwnAddress(IROH);
        String shared = SharedAddresses.withFreshTokens(creds, new TokenGenerator()).get(0);
        assertThat(shared).startsWith(IROH + ":");
        AuthToken token = AuthToken.parse(shared.substring(IROH.length() + 1)).get();
        assertThat(AddressTokens.acceptedOn(creds, IROH)).containsExactly(token);
        assertThat(creds.acceptedTokens()).isEmpty();
    }

    @Test
    void withdrawingATokenFromAnAddressKeepsItElsewhereAndEveryOtherLine() throws IOException {
        CredsDir creds = new CredsDir(tmp.resolve("creds"));
        AddressTokens.accept(creds, a, IROH);
        AddressTokens.accept(creds, a, YGG);
        AddressTokens.accept(creds, b, IROH);
        creds.addAcceptedToken(a);
        AddressTokens.withdraw(creds, a, IROH);
        assertThat(AddressTokens.acceptedOn(creds, IROH)).containsExactly(b);
        assertThat(AddressTokens.acceptedOn(creds, YGG)).containsExactly(a);
        assertThat(creds.acceptedTokens()).containsExactly(a);
        AddressTokens.withdraw(creds, plain, IROH);
        assertThat(Files.readAllLines(tmp.resolve("creds/p2pauth"))).hasSize(3);
    }
}
