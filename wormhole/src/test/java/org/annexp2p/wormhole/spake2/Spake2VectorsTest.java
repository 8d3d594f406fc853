package org.annexp2p.wormhole.spake2;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Every vector of python-spake2 0.8's test_compat.py and of the wormhole reference (§3.3–3.5). */
class Spake2VectorsTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void prgMatchesPythonTestHelper() {
        // test_compat.py test_basic
        Prg a = new Prg("A");
        assertThat(HEX.formatHex(a.apply(16))).isEqualTo("c1d59d78903e9d7874d9064e12d36c58");
        Prg b = new Prg("B");
        assertThat(HEX.formatHex(b.apply(16))).isEqualTo("2af6d4b843a9e6cd1d185eb5de870f77");
    }

    @Test
    void baseEncodesAsStandardEd25519Base() {
        assertThat(HEX.formatHex(EdPoint.BASE.encode()))
                .isEqualTo("5866666666666666666666666666666666666666666666666666666666666666");
    }

    @Test
    void arbitraryElements() {
        assertThat(element("M")).isEqualTo("15cfd18e385952982b6a8f8c7854963b58e34388c8e6dae891db756481a02312");
        assertThat(element("N")).isEqualTo("f04f2e7eb734b2a8f8b472eaf9c3c632576ac64aea650b496a8a20ff00e583c3");
        assertThat(element("symmetric")).isEqualTo("6f00dae87c1be1a73b5922ef431cd8f57879569c222d22b1cd71e8546ab8e6f1");
        assertThat(element("A")).isEqualTo("4637592ae2914247de5804be805867266ccac99c635df8077dcdc1d72becf354");
        assertThat(element("B")).isEqualTo("88228ee4046ba5d5fa2f23a0480a99efb1a9554ce50153d69330928215d50775");
    }

    @Test
    void arbitraryElementHkdfOutputs() {
        assertThat(HEX.formatHex(Spake2Group.expand48(ascii("M"), "SPAKE2 arbitrary element"))).isEqualTo(
                "b181552e696a9a7d0c106d7270a0f7a725263f3a61a5ee38f59d47d55c07caff68cf3f88a21d761ea2dba9a99adf6b9c");
        assertThat(HEX.formatHex(Spake2Group.expand48(ascii("symmetric"), "SPAKE2 arbitrary element"))).isEqualTo(
                "94adb99889e5056f18bafca562e1f57b1805b7510699c19e9956f5f42afe5a4b6c0dcc9958044c207053b0bfe97a7cc6");
    }

    @Test
    void passwordToScalar() {
        assertThat(HEX.formatHex(Spake2Group.scalarToBytes(Spake2Group.passwordToScalar(HEX.parseHex("7077")))))
                .isEqualTo("cf090b60384cb818b12c8d972dfbaf910c0c7295c5cfe560e508f5f062f3960f");
        assertThat(HEX.formatHex(Spake2Group.scalarToBytes(Spake2Group.passwordToScalar(HEX.parseHex("0001feff")))))
                .isEqualTo("e86622bb57ea0f6f9f963354f2973a43a9e981901a478e6478682374441b0c04");
        assertThat(Spake2Group.passwordToScalar(ascii("password"))).isEqualTo(
                new BigInteger("3515301705789368674385125653994241092664323519848410154015274772661223168839"));
    }

    @Test
    void symmetricExchange() throws Exception {
        Spake2Symmetric s1 = Spake2Symmetric.start(ascii("password"), new byte[0], new Prg("1"));
        Spake2Symmetric s2 = Spake2Symmetric.start(ascii("password"), new byte[0], new Prg("2"));
        byte[] m1 = s1.outboundMessage();
        byte[] m2 = s2.outboundMessage();
        assertThat(HEX.formatHex(m1)).isEqualTo("5308f692d38c4034ad6e2e1054c469ca1dbe990bcaec4bbd3ad78c7d968eadd0b3");
        assertThat(HEX.formatHex(m2)).isEqualTo("5329e2d5f9b7a53e609204115c6458921b0bb27419ce82a27679fc5961002897df");
        byte[] k1 = s1.finish(m2);
        byte[] k2 = s2.finish(m1);
        assertThat(HEX.formatHex(k1)).isEqualTo("9c4fccaa3f0740615cee6fd10ed5d3a311b91b5bdc65f53e4ea7cb2fe8aa96eb");
        assertThat(k2).isEqualTo(k1);
    }

    @Test
    void symmetricTranscriptHashIsOrderIndependent() {
        String expected = "330a7ce7bb010fea7dae7e15b2261315403ab5dc269e461f6eb1cc6566620790";
        assertThat(HEX.formatHex(Spake2Symmetric.transcriptHash(ascii("idSymmetric"), ascii("X_msg"), ascii("Y_msg"),
                ascii("K_bytes"), ascii("pw")))).isEqualTo(expected);
        assertThat(HEX.formatHex(Spake2Symmetric.transcriptHash(ascii("idSymmetric"), ascii("Y_msg"), ascii("X_msg"),
                ascii("K_bytes"), ascii("pw")))).isEqualTo(expected);
    }

    @Test
    void wormholeVector() throws Exception {
        byte[] code = ascii("4-purple-sausages");
        byte[] appid = ascii("lothar.com/wormhole/text-or-file-xfer");
        assertThat(HEX.formatHex(Spake2Group.expand48(code, "SPAKE2 pw"))).isEqualTo(
                "f6564b08e1d8968b6c8c0690a87ea09502c38910ad37bb87d4d0f5b629382fd8f17c88cccf73e51b8793a79fac8a3468");
        BigInteger pw = Spake2Group.passwordToScalar(code);
        assertThat(pw).isEqualTo(new BigInteger("647928662540260428922088601883090086415684419540570378352276754378442355676"));
        assertThat(HEX.formatHex(Spake2Group.scalarToBytes(pw)))
                .isEqualTo("dc33d78c756863311eff13659be4d36f722a80caabe615c9aa1192cdf1b66e01");
        assertThat(Spake2Group.randomScalar(new Prg("1").apply(64))).isEqualTo(
                new BigInteger("6601150837011846005720834948563537662256676972280546138388006787073706296245"));
        assertThat(Spake2Group.randomScalar(new Prg("2").apply(64))).isEqualTo(
                new BigInteger("693814194980515160834879896731038845988522505359288193898756119049258421098"));
        Spake2Symmetric s1 = Spake2Symmetric.start(code, appid, new Prg("1"));
        Spake2Symmetric s2 = Spake2Symmetric.start(code, appid, new Prg("2"));
        assertThat(HEX.formatHex(s1.outboundMessage()))
                .isEqualTo("53197a4ea5e244635443ab4ddb5fad03347acd9e2cd999a485ea2d70fc1a03f786");
        assertThat(HEX.formatHex(s2.outboundMessage()))
                .isEqualTo("537363b806daab0f820358776580ab7487276685947a93b7c0acdd1981b605f5d6");
        byte[] key = s1.finish(s2.outboundMessage());
        assertThat(HEX.formatHex(key)).isEqualTo("69109e25096c47a7156c0cd2d334eb2b0672ad798da2bf1b3b6cff99677be1c9");
        assertThat(s2.finish(s1.outboundMessage())).isEqualTo(key);
    }

    /**
     * The asymmetric vector (SPAKE2_A/B, unused by wormhole) exercises M, N and the group code paths
     * the symmetric mode shares; the A/B roles are re-derived here from the same primitives.
     */
    @Test
    void asymmetricVector() throws Exception {
        byte[] pw = ascii("password");
        BigInteger pwScalar = Spake2Group.passwordToScalar(pw);
        EdPoint m = Spake2Group.arbitraryElement(ascii("M"));
        EdPoint n = Spake2Group.arbitraryElement(ascii("N"));
        BigInteger xA = Spake2Group.randomScalar(new Prg("A").apply(64));
        BigInteger xB = Spake2Group.randomScalar(new Prg("B").apply(64));
        assertThat(xA).isEqualTo(new BigInteger("2611694063369306139794446498317402240796898290761098242657700742213257926693"));
        assertThat(xB).isEqualTo(new BigInteger("7002393159576182977806091886122272758628412261510164356026361256515836884383"));
        byte[] elemA = EdPoint.BASE.multiply(xA).add(m.multiply(pwScalar)).encode();
        byte[] elemB = EdPoint.BASE.multiply(xB).add(n.multiply(pwScalar)).encode();
        assertThat("41" + HEX.formatHex(elemA))
                .isEqualTo("416fc960df73c9cf8ed7198b0c9534e2e96a5984bfc5edc023fd24dacf371f2af9");
        assertThat("42" + HEX.formatHex(elemB))
                .isEqualTo("42354e97b88406922b1df4bea1d7870f17aed3dba7c720b313edae315b00959309");
        BigInteger minusPw = pwScalar.negate().mod(EdPoint.L);
        byte[] kA = EdPoint.decode(elemB).orElseThrow().add(n.multiply(minusPw)).multiply(xA).encode();
        byte[] kB = EdPoint.decode(elemA).orElseThrow().add(m.multiply(minusPw)).multiply(xB).encode();
        assertThat(kA).isEqualTo(kB);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(MessageDigest.getInstance("SHA-256").digest(pw));
        sha.update(MessageDigest.getInstance("SHA-256").digest(ascii("")));
        sha.update(MessageDigest.getInstance("SHA-256").digest(ascii("")));
        sha.update(elemA);
        sha.update(elemB);
        sha.update(kA);
        assertThat(HEX.formatHex(sha.digest()))
                .isEqualTo("a480bca13fa04464bb644f10e340125e96c9494f7399fef7c2bda67eb0fdf06d");
    }

    private static String element(String seed) {
        return HEX.formatHex(Spake2Group.arbitraryElement(ascii(seed)).encode());
    }
}
