package org.annexp2p.pairing.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.creds.CredsDir;

/** The lan-peers line codec: round-trips, and garbage is a typed error naming the line, never another exception. */
class LanPeersProperties {

    @Property
    void aLineRoundTrips(@ForAll("peers") LanPeer peer) {
        assertThat(LanPeers.parse(LanPeers.format(peer))).isEqualTo(peer);
    }

    @Property(tries = 300)
    void garbageIsRefusedWithIllegalArgument(@ForAll String line) {
        try {
            LanPeer p = LanPeers.parse(line);
            assertThat(LanPeers.parse(LanPeers.format(p))).isEqualTo(p);
        } catch (IllegalArgumentException expected) {
            assertThat(expected).isNotNull();
        }
    }

    @Property(tries = 30)
    void theFileStoresReplacesByUuidAndIsOwnerOnly(@ForAll("peers") LanPeer first, @ForAll("peers") LanPeer second) throws Exception {
        Path dir = Files.createTempDirectory("creds");
        CredsDir creds = new CredsDir(dir);
        try {
            LanPeers.store(creds, first);
            LanPeers.store(creds, second);
            LanPeer replaced = new LanPeer(first.uuid(), second.key(), second.token(), second.addresses());
            LanPeers.store(creds, replaced);
            List<LanPeer> expected = first.uuid().equals(second.uuid()) ? List.of(replaced) : List.of(second, replaced);
            assertThat(LanPeers.read(creds)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(LanPeers.file(creds).path())))
                    .isEqualTo("rw-------");
        } finally {
            Files.deleteIfExists(LanPeers.file(creds).path());
            Files.deleteIfExists(dir.resolve(".lan-peers.lck"));
            Files.delete(dir);
        }
    }

    @Property(tries = 50)
    void aDamagedFileNamesTheLineNotItsContent(@ForAll("peers") LanPeer peer) throws Exception {
        Path dir = Files.createTempDirectory("creds");
        CredsDir creds = new CredsDir(dir);
        try {
            LanPeers.file(creds).writeText(LanPeers.format(peer) + "\nsecret-looking-garbage\n");
            assertThatThrownBy(() -> LanPeers.read(creds)).hasMessageContaining("line 2").hasMessageNotContaining("secret-looking");
        } finally {
            Files.deleteIfExists(LanPeers.file(creds).path());
            Files.delete(dir);
        }
    }

    @Property
    void anAddressRoundTrips(@ForAll("addresses") InetSocketAddress a) {
        assertThat(LanAddress.parse(LanAddress.format(a))).isEqualTo(a);
    }

    @Property(tries = 300)
    void anyAddressTextIsAnAddressOrIllegalArgument(@ForAll String text) {
        try {
            InetSocketAddress a = LanAddress.parse(text);
            assertThat(a.getAddress()).isNotNull();
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<LanPeer> peers() {
        Arbitrary<String> uuid = Arbitraries.strings().withCharRange('a', 'f').numeric().withChars('-').ofMinLength(1).ofMaxLength(40);
        Arbitrary<KeyFingerprint> key = Arbitraries.bytes().array(byte[].class).ofSize(32).map(KeyFingerprint::new);
        Arbitrary<AuthToken> token = Arbitraries.bytes().array(byte[].class).ofSize(64)
                .map(b -> AuthToken.parse(HexFormat.of().formatHex(b)).get());
        return Combinators.combine(uuid, key, token, addresses().list().ofMaxSize(4)).as(LanPeer::new);
    }

    @Provide
    Arbitrary<InetSocketAddress> addresses() {
        Arbitrary<InetAddress> ip = Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.bytes().array(byte[].class).ofSize(16)).map(LanPeersProperties::ip);
        return Combinators.combine(ip, Arbitraries.integers().between(0, 65535)).as(InetSocketAddress::new);
    }

    private static InetAddress ip(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

}
