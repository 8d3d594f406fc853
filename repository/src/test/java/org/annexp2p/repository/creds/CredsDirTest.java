package org.annexp2p.repository.creds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.annexp2p.protocol.wire.AuthToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredsDirTest {
    private static final String ONION = "lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion";

    @TempDir
    Path tmp;

    private CredsDir creds() {
        return new CredsDir(tmp.resolve("annex").resolve("creds"));
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void addressesAreNewestFirstWithoutDuplicatesInMode0600() throws IOException {
        CredsDir c = creds();
        assertThat(c.ownAddresses()).isEmpty();
        c.addOwnAddress("tor-annex::" + ONION + ":39140");
        c.addOwnAddress("tor-annex::other.onion:1");
        c.addOwnAddress("tor-annex::" + ONION + ":39140");
        assertThat(c.ownAddresses()).containsExactly("tor-annex::other.onion:1", "tor-annex::" + ONION + ":39140");
        Path file = c.dir().resolve("p2paddrs");
        assertThat(Files.readString(file)).isEqualTo("tor-annex::other.onion:1\ntor-annex::" + ONION + ":39140\n");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(c.dir())).isEqualTo("rwx------");
        try (var left = Files.list(c.dir())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("p2paddrs", ".p2paddrs.lck");
        }
        assertThat(mode(c.dir().resolve(".p2paddrs.lck"))).isEqualTo("rw-------");
    }

    @Test
    void acceptedTokensAreNewestFirstAndSkipLinesThatAreNotTokens() throws IOException {
        CredsDir c = creds();
        AuthToken a = AuthToken.parse("aaaa1111").get();
        AuthToken b = AuthToken.parse("BBBB2222").get();
        c.addAcceptedToken(a);
        c.addAcceptedToken(b);
        c.addAcceptedToken(a);
        assertThat(c.acceptedTokens()).containsExactly(b, a);
        Path file = c.dir().resolve("p2pauth");
        assertThat(Files.readString(file)).isEqualTo("bbbb2222\naaaa1111\n");
        // An upstream-style line with an address is not a token to 10.20230126, and is skipped the same way.
        Files.writeString(file, "cccc3333 p2p-annex::iroh:xyz\nbbbb2222\n");
        assertThat(c.acceptedTokens()).containsExactly(b);
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void removingAnAddressOrATokenKeepsEveryOtherLineInOrder() throws IOException {
        CredsDir c = creds();
        c.addOwnAddress("tor-annex::a.onion:1");
        c.addOwnAddress("tor-annex::" + ONION + ":39140");
        c.addOwnAddress("tor-annex::b.onion:2");
        c.removeOwnAddress("tor-annex::" + ONION + ":39140");
        c.removeOwnAddress("tor-annex::absent.onion:3");
        assertThat(c.ownAddresses()).containsExactly("tor-annex::b.onion:2", "tor-annex::a.onion:1");

        Path file = c.dir().resolve("p2pauth");
        c.file("p2pauth").writeText("cccc3333 p2p-annex::iroh:xyz\nbbbb2222\naaaa1111\n");
        c.removeAcceptedToken(AuthToken.parse("BBBB2222").get());
        c.removeAcceptedToken(AuthToken.parse("dddd4444").get());
        assertThat(Files.readString(file)).isEqualTo("cccc3333 p2p-annex::iroh:xyz\naaaa1111\n");
    }

    @Test
    void peerTokensAreWrittenPlainAndReadUnderEitherName() throws IOException {
        CredsDir c = creds();
        AuthToken t = new TokenGenerator().generate(128);
        c.storePeerToken(ONION, t);
        Path plain = c.dir().resolve(ONION);
        assertThat(Files.readString(plain)).isEqualTo(t.reveal());
        assertThat(mode(plain)).isEqualTo("rw-------");
        assertThat(c.peerToken(ONION)).isEqualTo(Option.some(t));

        Files.delete(plain);
        assertThat(c.peerToken(ONION)).isEmpty();
        Path escaped = c.dir().resolve(ONION.replace(".onion", "%2Eonion"));
        Files.writeString(escaped, "ABCdef123\nsecond line ignored\n");
        Files.setPosixFilePermissions(escaped, PosixFilePermissions.fromString("rw-------"));
        assertThat(c.peerToken(ONION.toUpperCase())).isEqualTo(AuthToken.parse("abcdef123"));
        assertThat(CredsDir.escapedName(ONION)).isEqualTo(escaped.getFileName().toString());
    }

    @Test
    void aPrivateFileOthersCanReadIsRefused() throws IOException {
        CredsDir c = creds();
        c.addAcceptedToken(AuthToken.parse("abc").get());
        Path file = c.dir().resolve("p2pauth");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(c::acceptedTokens).isInstanceOf(IOException.class)
                .hasMessageContaining("refusing to read").hasMessageContaining("chmod 600")
                .hasMessageNotContaining("abc");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
        assertThatThrownBy(c::acceptedTokens).hasMessageContaining("group or others");
    }

    @Test
    void aLooseCredsDirectoryIsTightenedOnWrite() throws IOException {
        CredsDir c = creds();
        Files.createDirectories(c.dir());
        Files.setPosixFilePermissions(c.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        c.addOwnAddress("tor-annex::" + ONION + ":1");
        assertThat(mode(c.dir())).isEqualTo("rwx------");
    }

    @Test
    void onlyOnionAddressesNamePeerFiles() {
        CredsDir c = creds();
        for (String bad : List.of("../p2pauth", "p2pauth", "x.onion/../../y", "", ".onion")) {
            assertThatThrownBy(() -> c.storePeerToken(bad, AuthToken.EMPTY)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Files.exists(c.dir())).isFalse();
    }

    @Property(tries = 200)
    void anyFileContentReadsAsTokensAndLinesWithoutThrowing(@ForAll byte[] content) throws IOException {
        Path dir = Files.createTempDirectory("creds-garbage");
        try {
            CredsDir c = new CredsDir(dir);
            for (String name : List.of("p2pauth", "p2paddrs", ONION)) {
                Path f = dir.resolve(name);
                Files.write(f, content);
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
            }
            assertThat(c.acceptedTokens()).allSatisfy(t -> assertThat(t.reveal()).matches("[a-z0-9]*"));
            assertThat(c.ownAddresses()).allSatisfy(a -> assertThat(a).isNotEmpty().doesNotContain("\n"));
            c.peerToken(ONION).forEach(t -> assertThat(t.reveal()).matches("[a-z0-9]*"));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    @Property(tries = 50)
    void generatedTokensAreLowercaseHexOfTheAskedLength(@ForAll @IntRange(min = 1, max = 128) int length) {
        AuthToken t = new TokenGenerator().generate(length);
        assertThat(t.reveal()).hasSize(length).matches("[0-9a-f]+");
    }

    @Test
    void tokensAreSha512OfTheRandomBytes() throws Exception {
        byte[] seed = new byte[512];
        new SecureRandomStub(7).nextBytes(seed);
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-512").digest(seed));
        assertThat(new TokenGenerator(new SecureRandomStub(7)).generate(128).reveal()).isEqualTo(expected);
        assertThat(new TokenGenerator(new SecureRandomStub(7)).generate(64).reveal()).isEqualTo(expected.substring(0, 64));
        Set<String> seen = new HashSet<>();
        TokenGenerator g = new TokenGenerator();
        for (int i = 0; i < 100; i++) {
            seen.add(g.generate(TokenGenerator.ADDRESS_TOKEN_LENGTH).reveal());
        }
        assertThat(seen).hasSize(100);
        assertThatThrownBy(() -> g.generate(129)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A deterministic "random" source, to check what is done with its bytes. */
    private static final class SecureRandomStub extends SecureRandom {
        private final java.util.Random r;

        SecureRandomStub(long seed) {
            this.r = new java.util.Random(seed);
        }

        @Override
        public void nextBytes(byte[] bytes) {
            r.nextBytes(bytes);
        }
    }

    @Test
    void repeatedWritesLeaveNoTempFileBehind() throws IOException {
        CredsDir c = creds();
        for (int i = 0; i < 20; i++) {
            c.addAcceptedToken(new TokenGenerator().generate(64));
        }
        assertThat(c.acceptedTokens()).hasSize(20);
        try (var left = Files.list(c.dir())) {
            // the update lock (.p2pauth.lck) stays: removing it could let two updaters lock different files
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("p2pauth", ".p2pauth.lck");
        }
        assertThat(new String(Files.readAllBytes(c.dir().resolve("p2pauth")), StandardCharsets.UTF_8).lines()).hasSize(20);
    }

    /** Two processes storing a peer's token at once (pairing while linking) must both succeed. */
    @Test
    void concurrentWritersOfOnePrivateFileBothSucceed() throws Exception {
        CredsDir c = creds();
        String onion = "a".repeat(56) + ".onion";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<?>> jobs = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                jobs.add(pool.submit(() -> {
                    c.storePeerToken(onion, new TokenGenerator().generate(64));
                    return null;
                }));
            }
            for (var job : jobs) {
                job.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(c.peerToken(onion).isDefined()).isTrue();
    }

    /** Threads of one process making tokens accepted at once: each one's read-change-write keeps the others' tokens. */
    @Test
    void concurrentUpdatesOfAcceptedTokensAllSurvive() throws Exception {
        CredsDir c = creds();
        Set<String> added = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<?>> jobs = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                jobs.add(pool.submit(() -> {
                    AuthToken t = new TokenGenerator().generate(64);
                    c.addAcceptedToken(t);
                    added.add(t.reveal());
                    return null;
                }));
            }
            for (var job : jobs) {
                job.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(c.acceptedTokens().stream().map(AuthToken::reveal)).containsExactlyInAnyOrderElementsOf(added);
    }
}
