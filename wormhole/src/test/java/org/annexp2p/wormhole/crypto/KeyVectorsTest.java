package org.annexp2p.wormhole.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Key-derivation and SecretBox vectors from wormhole 0.12's test_keys.py and the reference capture (§3.5, §4, §6.4). */
class KeyVectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final SessionKey MAIN = new SessionKey(HEX.parseHex("588ba9eef353778b074413a0140205d90d7479e36e0dd4ee35bb729d26131ef1"));

    @Test
    void deriveKey() {
        assertThat(HEX.formatHex(MAIN.derive("purpose1", 32)))
                .isEqualTo("835b5df80ce9ca46908e8524fb308649122cfbcefbeaa7e65061c6ef08ee1b2a");
        assertThat(HEX.formatHex(MAIN.derive("purpose2", 10))).isEqualTo("f2238e84315b47eb6279");
    }

    @Test
    void phaseKeys() {
        assertThat(HEX.formatHex(MAIN.phaseKey("side1", "phase1")))
                .isEqualTo("3af6a61d1a111225cc8968c6ca6265efe892065c3ab46de79dda21306b062990");
        assertThat(HEX.formatHex(MAIN.phaseKey("side1", "phase2")))
                .isEqualTo("88a1dd12182d989ff498022a9656d1e2806f17328d8bf5d8d0c9753e4381a752");
        assertThat(HEX.formatHex(MAIN.phaseKey("side2", "phase1")))
                .isEqualTo("a306627b436ec23bdae3af8fa90c9ac927780d86be1831003e7f617c518ea689");
        assertThat(HEX.formatHex(MAIN.phaseKey("side2", "phase2")))
                .isEqualTo("bf99e3e16420f2dad33f9b1ccb0be1462b253d639dacdb50ed9496fa528d8758");
    }

    @Test
    void hkdfWithEmptyInfo() {
        assertThat(HEX.formatHex(Hkdf.derive("secret".getBytes(StandardCharsets.US_ASCII), new byte[0], 64)))
                .startsWith("2f34e5ff").endsWith("0daad4bf").contains("cf6cbbf9cfd42fd3");
    }

    @Test
    void secretBoxVector() throws Exception {
        SecretBox box = new SecretBox(HEX.parseHex("ddc543ef8e4629a603d39dd0307a51bb1e7adb9cb259f6b085c91d0842a18679"));
        byte[] nonce = HEX.parseHex("2d5e43eb465aa42e750f991e425bee485f06abad7e04af80");
        byte[] plain = HEX.parseHex("edc089a518219ec1cee184e89d2d37af");
        String sealed = "2d5e43eb465aa42e750f991e425bee485f06abad7e04af80fe318e39d0e4ce932d2b54b300c56d2cda55ee5f0488d63eb1d5f76f7919a49a";
        assertThat(HEX.formatHex(box.seal(nonce, plain))).isEqualTo(sealed);
        assertThat(box.open(HEX.parseHex(sealed))).isEqualTo(plain);
    }

    @Test
    void wormholeVectorDerivations() {
        SessionKey key = new SessionKey(HEX.parseHex("69109e25096c47a7156c0cd2d334eb2b0672ad798da2bf1b3b6cff99677be1c9"));
        assertThat(key.verifier()).isEqualTo("56a6ef893c6d21c766b0dfafd6f1943343e9203146d406fdd27465879bb5c348");
        assertThat(HEX.formatHex(key.phaseKey("aabbccddee", "version")))
                .isEqualTo("67986185032260f3fa9b5fb2e3af735d6f490c6a1515aaf0ca2c1d6084c21285");
        assertThat(HEX.formatHex(key.phaseKey("aabbccddee", "0")))
                .isEqualTo("7ade886ee6db8f0c923e0baa247e02c65f3674ea7ad430e35cb1be661ebdb50e");
        byte[] nonce = new byte[24];
        for (int i = 0; i < 24; i++) {
            nonce[i] = (byte) i;
        }
        assertThat(HEX.formatHex(key.phaseBox("aabbccddee", "version").seal(nonce,
                "{\"app_versions\": {}}".getBytes(StandardCharsets.UTF_8)))).isEqualTo(
                "000102030405060708090a0b0c0d0e0f1011121314151617b01f7f2388feef9b0159efadff1b454ef649f41aaf96b177fe51a736b33f96f116bf23db");
        assertThat(HEX.formatHex(key.transitKey()))
                .isEqualTo("ab6f9490a2a47de9c51258a7910cb1989b5cf8012aa25d887aa452406c850c40");
    }

    @Test
    void decryptsCapturedTraffic() throws Exception {
        SessionKey key = new SessionKey(HEX.parseHex("0fe9c28250f8c0b6344a1e4bf32367cd36126bd3f377d3295c34d441cb06f548"));
        byte[] version = key.phaseBox("2a5ab034b4", "version").open(HEX.parseHex(
                "48a90ce41c22f44d11a79f4f29ed29495a404ed18ea62b7d7d14020ae9c68d000e686c57f63d7fc29e8c33eb3e12967af93bf98e736437ba43b3d172"));
        assertThat(new String(version, StandardCharsets.UTF_8)).isEqualTo("{\"app_versions\": {}}");
        byte[] answer = key.phaseBox("2a5ab034b4", "1").open(HEX.parseHex(
                "9d4ac6b58cf3a2cc3b41612744e4695e09ccd2feeb96acab514ba1d24226c0cd42e194c21823e9cc5a2bcc6d63b5cebc040a4fd7ba0a710df772c5538586f8866288e01903e7"));
        assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("{\"answer\": {\"file_ack\": \"ok\"}}");
        assertThat(HEX.formatHex(key.transitKey()))
                .isEqualTo("02b8882d22a6a133dac2bf71fed3f59a228524dc0675bb8b1037d3da4afdd065");
    }

    @Test
    void wrongSideKeyDoesNotOpen() {
        SessionKey key = new SessionKey(HEX.parseHex("0fe9c28250f8c0b6344a1e4bf32367cd36126bd3f377d3295c34d441cb06f548"));
        byte[] body = HEX.parseHex("48a90ce41c22f44d11a79f4f29ed29495a404ed18ea62b7d7d14020ae9c68d000e686c57f63d7fc29e8c33eb3e12967af93bf98e736437ba43b3d172");
        assertThatThrownBy(() -> key.phaseBox("ad05f854e8", "version").open(body))
                .isInstanceOf(DecryptionException.class);
    }
}
