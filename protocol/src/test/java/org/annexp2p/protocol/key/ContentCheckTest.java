package org.annexp2p.protocol.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ContentCheckTest {
    /** `git annex version`'s key/value backends, git-annex 10.20230126, less WORM, URL and X*. */
    private static final List<String> GIT_ANNEX_HASH_BACKENDS = List.of(("SHA256E SHA256 SHA512E SHA512 SHA224E SHA224 "
            + "SHA384E SHA384 SHA3_256E SHA3_256 SHA3_512E SHA3_512 SHA3_224E SHA3_224 SHA3_384E SHA3_384 SKEIN256E "
            + "SKEIN256 SKEIN512E SKEIN512 BLAKE2B256E BLAKE2B256 BLAKE2B512E BLAKE2B512 BLAKE2B160E BLAKE2B160 "
            + "BLAKE2B224E BLAKE2B224 BLAKE2B384E BLAKE2B384 BLAKE2BP512E BLAKE2BP512 BLAKE2S256E BLAKE2S256 "
            + "BLAKE2S160E BLAKE2S160 BLAKE2S224E BLAKE2S224 BLAKE2SP256E BLAKE2SP256 BLAKE2SP224E BLAKE2SP224 SHA1E "
            + "SHA1 MD5E MD5").split(" "));

    private static ContentCheck of(String key) {
        return Key.parse(key).get().contentCheck();
    }

    @Test
    void everyHashBackendGitAnnexHasIsCheckedByItsHash() {
        for (String backend : GIT_ANNEX_HASH_BACKENDS) {
            String base = backend.endsWith("E") ? backend.substring(0, backend.length() - 1) : backend;
            // git-annex's keyHash is the name up to its first '.', with or without E.
            assertThat(of(backend + "-s3--0123abcd.ext")).as(backend)
                    .isEqualTo(new ContentCheck.ByHash(HashBackend.valueOf(base), "0123abcd"));
        }
        assertThat(Arrays.stream(HashBackend.values()).map(Enum::name).collect(Collectors.toSet()))
                .as("no hash git-annex lacks").isEqualTo(GIT_ANNEX_HASH_BACKENDS.stream()
                        .filter(b -> !b.endsWith("E")).collect(Collectors.toSet()));
    }

    @Test
    void theHashesAreTheSizesTheirNamesSay() {
        for (HashBackend b : HashBackend.values()) {
            String name = b.name();
            int expected = b == HashBackend.SHA1 ? 160 : b == HashBackend.MD5 ? 128
                    : Integer.parseInt(name.substring(name.length() - 3));
            assertThat(b.bits()).as(b.name()).isEqualTo(expected);
        }
    }

    @Test
    void backendsWithoutAHashGitAnnexCanCheckAreUnverifiable() {
        for (String backend : List.of("WORM", "URL", "VURL", "GITMANIFEST", "XFOO", "XFOOE", "XSHA256E", "FOO",
                "sha256", "SHA256EE", "SHA3", "SKEIN1024", "BLAKE2B128", "BLAKE2BP256", "BLAKE2SP512", "E", "MD4")) {
            assertThat(of(backend + "-s3--0123abcd")).as(backend).isEqualTo(new ContentCheck.Unverifiable(backend));
        }
    }

    @Test
    void aHashWithTheOldBackslashIsStillTheHash() {
        assertThat(of("SHA1-s3--\\a9993e364706816aba3e25717850c26c9cd0d89d"))
                .isEqualTo(new ContentCheck.ByHash(HashBackend.SHA1, "a9993e364706816aba3e25717850c26c9cd0d89d"));
        assertThat(of("SHA1-s3--\\\\a9993e364706816aba3e25717850c26c9cd0d89d")).as("only one")
                .isEqualTo(new ContentCheck.ByHash(HashBackend.SHA1, "\\a9993e364706816aba3e25717850c26c9cd0d89d"));
    }

    @Test
    void aGitBundleIsCheckedByTheSha256AfterItsUuid() {
        assertThat(of("GITBUNDLE-s10--3c1a4e9c-1d31-4d3e-9e6a-7a1f8c0de2a1-ab12"))
                .isEqualTo(new ContentCheck.ByHash(HashBackend.SHA256, "ab12"));
    }

    @Provide
    Arbitrary<String> backendNames() {
        Arbitrary<String> near = Arbitraries.of(GIT_ANNEX_HASH_BACKENDS).flatMap(b -> Arbitraries.strings()
                .withChars("ESX_0123456789abcABC").ofMaxLength(2).map(s -> b + s));
        Arbitrary<String> any = Arbitraries.strings().withChars("ABCDEHKLMNPSUWX_0123456789").ofMinLength(1)
                .ofMaxLength(12);
        return Arbitraries.oneOf(near, any, Arbitraries.of(GIT_ANNEX_HASH_BACKENDS));
    }

    @Property(tries = 2000)
    void onlyGitAnnexsOwnHashBackendNamesAreCheckedByHash(@ForAll("backendNames") String backend) {
        Set<String> byHash = Set.copyOf(GIT_ANNEX_HASH_BACKENDS);
        ContentCheck check = of(backend + "-s1--00");
        assertThat(check instanceof ContentCheck.ByHash).as(backend)
                .isEqualTo(byHash.contains(backend) || backend.equals("GITBUNDLE"));
    }
}
