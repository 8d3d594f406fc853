package org.annexp2p.web.tor;

import com.google.zxing.common.BitMatrix;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.annexp2p.pairing.qr.TerminalQr;

/** A QR code as an SVG {@code data:} URL (the page's policy allows {@code img-src data:}): one path, no script. */
public final class QrImage {
    private QrImage() {
    }

    public static String dataUrl(String text) {
        BitMatrix m = TerminalQr.matrix(text);
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + m.getWidth() + " " + m.getHeight()
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\""
                + path + "\"/></svg>";
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
    }
}
