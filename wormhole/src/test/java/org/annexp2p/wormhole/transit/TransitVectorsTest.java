package org.annexp2p.wormhole.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.annexp2p.wormhole.InvalidCodeException;
import org.annexp2p.wormhole.PeerProtocolException;
import org.annexp2p.wormhole.crypto.SessionKey;
import org.junit.jupiter.api.Test;

/** Transit vectors of the reference (§3.5 and the captured relayed transfer, §6.4). */
class TransitVectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final TransitSecrets VECTOR = new TransitSecrets(new SessionKey(
            HEX.parseHex("69109e25096c47a7156c0cd2d334eb2b0672ad798da2bf1b3b6cff99677be1c9")).transitKey());

    @Test
    void handshakes() {
        assertThat(new String(VECTOR.handshake(TransitRole.SENDER), StandardCharsets.US_ASCII))
                .isEqualTo("transit sender e26c594a0776010df4b9fddd686ad2650bba51f580986c1f8be3733319144729 ready\n\n");
        assertThat(new String(VECTOR.handshake(TransitRole.RECEIVER), StandardCharsets.US_ASCII))
                .isEqualTo("transit receiver 0c29b75d8a2236b8fe810a290eee811c1bf098a15c1df3c3fbdb37f1b4ba1c70 ready\n\n");
        assertThat(new String(VECTOR.relayHandshake("0011223344556677"), StandardCharsets.US_ASCII)).isEqualTo(
                "please relay 8270d19d2fc4872358b73c375b3727ccc50448797f5fb1d04aaa9cfb4796ca4f for side 0011223344556677\n");
        assertThat(VECTOR.relayHandshake("0011223344556677")).hasSize(104);
    }

    @Test
    void firstSenderRecord() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RecordWriter(out, VECTOR.recordBox(TransitRole.SENDER)).write("hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(HEX.formatHex(out.toByteArray())).isEqualTo(
                "0000002d000000000000000000000000000000000000000000000000685dc2e06498fdc699d5b7587f5afd5d1e7c656fae");
        RecordReader reader = new RecordReader(new ByteArrayInputStream(out.toByteArray()), VECTOR.recordBox(TransitRole.SENDER), 1024);
        assertThat(new String(reader.read(), StandardCharsets.US_ASCII)).isEqualTo("hello");
    }

    @Test
    void capturedTransferSecrets() {
        TransitSecrets captured = new TransitSecrets(HEX.parseHex("02b8882d22a6a133dac2bf71fed3f59a228524dc0675bb8b1037d3da4afdd065"));
        assertThat(new String(captured.handshake(TransitRole.SENDER), StandardCharsets.US_ASCII))
                .isEqualTo("transit sender ddb8b36fc1d2c16c6b81708d5d8ca4c2f20d5fb0406470e60ad5742d889cd234 ready\n\n");
        assertThat(new String(captured.relayHandshake("b3bcca5ee824f7c5"), StandardCharsets.US_ASCII))
                .startsWith("please relay b6db658725cc02ee76d5058277d31ec4cfe795e5cf8a60a74e0d9adc5793e25c for side ");
    }

    @Test
    void replayedRecordIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordWriter writer = new RecordWriter(out, VECTOR.recordBox(TransitRole.SENDER));
        writer.write(new byte[] {1});
        byte[] once = out.toByteArray();
        byte[] twice = new byte[once.length * 2];
        System.arraycopy(once, 0, twice, 0, once.length);
        System.arraycopy(once, 0, twice, once.length, once.length);
        RecordReader reader = new RecordReader(new ByteArrayInputStream(twice), VECTOR.recordBox(TransitRole.SENDER), 1024);
        assertThat(reader.read()).containsExactly(1);
        assertThatThrownBy(reader::read).isInstanceOf(PeerProtocolException.class).hasMessageContaining("sequence");
    }

    @Test
    void transitHelperSyntax() throws Exception {
        assertThat(TcpHint.parseEndpoint("tcp:127.0.0.1:4001")).isEqualTo(new TcpHint("127.0.0.1", 4001, 0.0));
        assertThat(TcpHint.parseEndpoint("tcp:magic-wormhole-transit.debian.net:4001:priority=2.0"))
                .isEqualTo(new TcpHint("magic-wormhole-transit.debian.net", 4001, 2.0));
        assertThatThrownBy(() -> TcpHint.parseEndpoint("udp:x:1")).isInstanceOf(InvalidCodeException.class);
        assertThatThrownBy(() -> TcpHint.parseEndpoint("tcp:x:99999")).isInstanceOf(InvalidCodeException.class);
        assertThatThrownBy(() -> TcpHint.parseEndpoint("tcp:x")).isInstanceOf(InvalidCodeException.class);
    }
}
