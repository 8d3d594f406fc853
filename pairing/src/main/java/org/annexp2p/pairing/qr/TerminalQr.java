package org.annexp2p.pairing.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * Renders text as a QR code in a terminal, two modules per character cell with Unicode half blocks.
 *
 * <p>By default light modules are drawn (as {@code qrencode -t UTF8} does), because most terminals draw
 * light glyphs on a dark background and a scanner needs dark modules on light; {@code darkOnLight} draws the
 * dark modules instead, for light-background terminals.
 */
public final class TerminalQr {

    static final char BOTH = '\u2588';
    static final char UPPER = '\u2580';
    static final char LOWER = '\u2584';
    static final char NONE = ' ';
    private static final int QUIET_ZONE = 2;

    private TerminalQr() {
    }

    public static BitMatrix matrix(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, "UTF-8",
                    EncodeHintType.MARGIN, QUIET_ZONE));
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit in a QR code: " + e.getMessage(), e);
        }
    }

    public static String render(String text, boolean darkOnLight) {
        BitMatrix m = matrix(text);
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y += 2) {
            for (int x = 0; x < m.getWidth(); x++) {
                boolean upper = drawn(m, x, y, darkOnLight);
                boolean lower = y + 1 < m.getHeight() ? drawn(m, x, y + 1, darkOnLight) : !darkOnLight;
                out.append(upper ? (lower ? BOTH : UPPER) : (lower ? LOWER : NONE));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static boolean drawn(BitMatrix m, int x, int y, boolean darkOnLight) {
        return m.get(x, y) == darkOnLight;
    }
}
