package org.annexp2p.pairing.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TerminalQrTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theRenderedHalfBlocksScanBackToThePayload(boolean darkOnLight) throws Exception {
        QrPayload payload = new QrPayload(55600, TlsIdentity.generate("qr").fingerprint(), SharedSecret.randomPhrase(),
                List.of(InetAddress.getByName("192.168.1.20"), InetAddress.getByName("fd00::20")));
        String text = QrPayloadCodec.encode(payload);

        String rendered = TerminalQr.render(text, darkOnLight);

        assertThat(rendered).containsAnyOf(String.valueOf(TerminalQr.UPPER), String.valueOf(TerminalQr.LOWER));
        assertThat(QrPayloadCodec.decode(scan(rendered, darkOnLight))).isEqualTo(payload);
    }

    /** Turns the half blocks back into pixels (4x4 per module) and lets ZXing's decoder read them. */
    private static String scan(String rendered, boolean darkOnLight) throws Exception {
        List<String> lines = rendered.lines().toList();
        int width = lines.get(0).length();
        int height = lines.size() * 2;
        int scale = 4;
        int[] pixels = new int[width * scale * height * scale];
        for (int row = 0; row < lines.size(); row++) {
            String line = lines.get(row);
            for (int x = 0; x < width; x++) {
                char c = line.charAt(x);
                boolean upper = c == TerminalQr.BOTH || c == TerminalQr.UPPER;
                boolean lower = c == TerminalQr.BOTH || c == TerminalQr.LOWER;
                paint(pixels, width * scale, x, row * 2, scale, upper == darkOnLight);
                paint(pixels, width * scale, x, row * 2 + 1, scale, lower == darkOnLight);
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width * scale, height * scale, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }

    private static void paint(int[] pixels, int stride, int moduleX, int moduleY, int scale, boolean dark) {
        int colour = dark ? 0xFF000000 : 0xFFFFFFFF;
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                int index = (moduleY * scale + dy) * stride + moduleX * scale + dx;
                if (index < pixels.length) {
                    pixels[index] = colour;
                }
            }
        }
    }
}
