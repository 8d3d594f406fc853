package org.annexp2p.http.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;

class RequestParserProperties {
    private static final String SERVER = "6f2b3c1e-0d4a-4a9e-9a55-0f4c7e2d1b10";
    private static final String CLIENT = "c1c1c1c1-0d4a-4a9e-9a55-0f4c7e2d1b10";

    @Provide
    Arbitrary<Key> keys() {
        Arbitrary<String> backend = Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> name = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(60)
                .map(b -> new String(b, StandardCharsets.ISO_8859_1).replace('\n', 'x'));
        Arbitrary<Long> size = Arbitraries.longs().between(0, Long.MAX_VALUE);
        return Combinators.combine(backend, size, name).as((b, s, n) -> Key.of(b, s, n))
                .filter(k -> Key.parse(k.serialize()).exists(k::equals));
    }

    private static String url(String route, String query) {
        return "/git-annex/" + SERVER + "/" + route + "?clientuuid=" + CLIENT + query;
    }

    private static String keyPiece(Key key) {
        return UrlText.encode(BracketedBase64.encode(key.serialize()));
    }

    @Property
    void aVersionedGetCarriesKeyOffsetAndFile(@ForAll("keys") Key key, @ForAll @LongRange(min = 0) long offset,
            @ForAll @IntRange(min = 0, max = 4) int v) {
        String uri = url("v" + v + "/key/" + keyPiece(key), "&offset=" + offset + "&associatedfile="
                + UrlText.encode(BracketedBase64.encode("dir/some file.dat")));
        AnnexRequest r = RequestParser.parse("GET", uri, Option.none()).get();
        assertThat(r.server()).isEqualTo(new Uuid(SERVER));
        assertThat(r.client()).contains(new Uuid(CLIENT));
        assertThat(r.version()).isEqualTo(new ProtocolVersion(v));
        assertThat(r.operation()).isEqualTo(new Operation.Get(key, AssociatedFile.parse("dir/some_file.dat").get(), Offset.of(offset), false));
    }

    @Property
    void aPutCarriesItsLength(@ForAll("keys") Key key, @ForAll @LongRange(min = 0) long offset,
            @ForAll @LongRange(min = 0) long length, @ForAll @IntRange(min = 0, max = 4) int v) {
        String uri = url("v" + v + "/put", "&key=" + keyPiece(key) + "&offset=" + offset);
        var r = RequestParser.parse("POST", uri, Option.some(Long.toString(length))).get();
        assertThat(r.operation()).isEqualTo(new Operation.Put(key, AssociatedFile.NONE, Offset.of(offset),
                org.annexp2p.protocol.wire.Len.of(length), false));
    }

    @Property
    void negativeOrHugeOffsetsAndLengthsAreBadRequests(@ForAll("keys") Key key, @ForAll("badNumbers") String bad) {
        assertThat(RequestParser.parse("GET", url("v3/key/" + keyPiece(key), "&offset=" + UrlText.encode(bad)), Option.none())
                .getLeft().status()).isEqualTo(400);
        assertThat(RequestParser.parse("POST", url("v3/put", "&key=" + keyPiece(key)), Option.some(bad))
                .getLeft().status()).isEqualTo(400);
    }

    @Provide
    Arbitrary<String> badNumbers() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(Long.MIN_VALUE, -1).map(Object::toString),
                Arbitraries.bigIntegers().between(java.math.BigInteger.valueOf(Long.MAX_VALUE).add(java.math.BigInteger.ONE),
                        java.math.BigInteger.TEN.pow(40)).map(Object::toString),
                Arbitraries.of("", "1e3", "0x10", " 1", "+1", "1.0"));
    }

    @Property
    void keysNeverNameAPathOutsideTheirObjectDirectory(@ForAll("hostileKeys") String wire) {
        var r = RequestParser.parse("POST", url("v3/checkpresent", "&key=" + UrlText.encode(BracketedBase64.encode(wire))), Option.none());
        r.forEach(req -> {
            String file = ((Operation.CheckPresent) req.operation()).key().fileName();
            assertThat(file).doesNotContain("/").isNotEqualTo("..").isNotEqualTo(".");
        });
    }

    @Provide
    Arbitrary<String> hostileKeys() {
        return Arbitraries.of("SHA256E-s1--../../../etc/passwd", "../../etc/passwd", "SHA256E-s1--/etc/passwd",
                "-s1--x", "..", ".", "SHA256E-s1--..", "WORM--a/../../b", "SHA256E-s1--x\ny")
                .flatMap(k -> Arbitraries.strings().ofMaxLength(3).map(s -> k + s));
    }

    @Property
    void badBase64IsABadRequest(@ForAll("keys") Key key) {
        String piece = "[" + java.util.Base64.getEncoder().encodeToString(key.serialize().getBytes(StandardCharsets.ISO_8859_1)) + "!]";
        assertThat(RequestParser.parse("POST", url("v2/checkpresent", "&key=" + UrlText.encode(piece)), Option.none())
                .getLeft().status()).isEqualTo(400);
    }

    @Property
    void unsupportedVersionsAreNotFound(@ForAll("keys") Key key, @ForAll("otherVersions") String version) {
        assertThat(RequestParser.parse("POST", url(version + "/checkpresent", "&key=" + keyPiece(key)), Option.none())
                .getLeft().status()).isEqualTo(404);
    }

    @Provide
    Arbitrary<String> otherVersions() {
        return Arbitraries.oneOf(Arbitraries.integers().between(5, 1000).map(n -> "v" + n),
                Arbitraries.of("v", "V1", "v-1", "v01", "1", "x4"));
    }

    @Property
    void anyPathParsesOrIsRefusedWithoutThrowing(@ForAll String path, @ForAll boolean post) {
        var r = RequestParser.parse(post ? "POST" : "GET", "/git-annex/" + path, Option.some(path));
        r.peekLeft(refusal -> assertThat(refusal.status()).isIn(400, 404));
    }

    @Example
    void routesOfLaterVersionsAreNotFoundInEarlierOnes() {
        String key = "&key=SHA256E-s1--x";
        assertThat(RequestParser.parse("POST", url("v2/gettimestamp", ""), Option.none()).getLeft().status()).isEqualTo(404);
        assertThat(RequestParser.parse("POST", url("v3/gettimestamp", ""), Option.none()).isRight()).isTrue();
        assertThat(RequestParser.parse("POST", url("v2/remove-before", key + "&timestamp=5"), Option.none()).getLeft().status()).isEqualTo(404);
        assertThat(RequestParser.parse("POST", url("v0/putoffset", key), Option.none()).getLeft().status()).isEqualTo(404);
        assertThat(RequestParser.parse("POST", url("v1/putoffset", key), Option.none()).isRight()).isTrue();
        assertThat(RequestParser.parse("GET", url("v1/checkpresent", key), Option.none()).getLeft().status()).isEqualTo(404);
    }

    @Example
    void aVersionedRequestNeedsTheClientUuidButThePlainDownloadDoesNot() {
        assertThat(RequestParser.parse("POST", "/git-annex/" + SERVER + "/v3/checkpresent?key=SHA256E-s1--x", Option.none())
                .getLeft().status()).isEqualTo(400);
        assertThat(RequestParser.parse("GET", "/git-annex/" + SERVER + "/key/SHA256E-s1--x", Option.none()).get().operation())
                .isEqualTo(new Operation.Get(Key.parse("SHA256E-s1--x").get(), AssociatedFile.NONE, Offset.ZERO, true));
        assertThat(RequestParser.parse("POST", "/git-annex/" + SERVER + "/v3/keeplocked?lockid=abc", Option.none()).get().operation())
                .isEqualTo(new Operation.KeepLocked("abc"));
    }

    @Example
    void dataPresentIsAV4PutWithoutABody() {
        var r = RequestParser.parse("POST", url("v4/put", "&key=SHA256E-s1--x&data-present=true"), Option.none()).get();
        assertThat(((Operation.Put) r.operation()).dataPresent()).isTrue();
        assertThat(RequestParser.parse("POST", url("v3/put", "&key=SHA256E-s1--x&data-present=true"), Option.none())
                .getLeft().status()).isEqualTo(400);
    }

    @Example
    void bypassRepeats() {
        var r = RequestParser.parse("POST", url("v2/checkpresent", "&key=SHA256E-s1--x&bypass=a&bypass=%5BYg%3D%3D%5D"), Option.none()).get();
        assertThat(r.bypass()).containsExactly(new Uuid("a"), new Uuid("b"));
    }
}
