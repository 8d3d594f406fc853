package org.annexp2p.testkit.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnnexedContentTest {
    @Test
    void theKeyIsGitAnnexsForTheKnownDigestOfHello() {
        AnnexedContent hello = AnnexedContent.text("hello", ".txt");
        assertThat(hello.keyText())
                .isEqualTo("SHA256E-s5--2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824.txt");
        assertThat(hello.hash()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(hello.size()).isEqualTo(5);
    }

    @Test
    void sha512KeysHaveNoExtension() {
        assertThat(AnnexedContent.sha512(new byte[0]).serialize()).isEqualTo("SHA512-s0--"
                + "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
    }

    @Test
    void seededContentComesBackTheSame() {
        assertThat(AnnexedContent.seeded(7, 1000)).isEqualTo(AnnexedContent.seeded(7, 1000))
                .isNotEqualTo(AnnexedContent.seeded(8, 1000));
        assertThat(AnnexedContent.seeded(7, 1000).keyText()).endsWith(".bin");
    }
}
