package org.annexp2p.tor.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.annexp2p.tor.TorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handshake against scripted replies (real tor always offers SAFECOOKIE next to COOKIE). */
class ControlHandshakeTest {

    static final String INFO_COOKIE_ONLY = "250-PROTOCOLINFO 1\r\n250-AUTH METHODS=COOKIE COOKIEFILE=\"%s\"\r\n"
            + "250-VERSION Tor=\"0.4.9.11\"\r\n250 OK\r\n";

    @Test
    void plainCookieSendsTheCookieInHex(@TempDir Path dir) throws Exception {
        byte[] cookie = new byte[32];
        for (int i = 0; i < 32; i++) {
            cookie[i] = (byte) i;
        }
        Path file = dir.resolve("cookie");
        Files.write(file, cookie);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        String replies = String.format(INFO_COOKIE_ONLY, file) + "250 OK\r\n";
        ProtocolInfo pi = new ControlHandshake(new ByteArrayInputStream(replies.getBytes(StandardCharsets.US_ASCII)), sent, "test")
                .authenticate(ControlAuth.automatic());
        assertThat(pi.torVersion()).isEqualTo("0.4.9.11");
        assertThat(sent.toString(StandardCharsets.US_ASCII))
                .isEqualTo("PROTOCOLINFO 1\r\nAUTHENTICATE " + HexFormat.of().formatHex(cookie) + "\r\n");
    }

    @Test
    void aRefusalIsAuthRefusedAndTheClosingTorToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cookie");
        Files.write(file, new byte[32]);
        String refused = String.format(INFO_COOKIE_ONLY, file) + "515 Authentication failed: Wrong length on authentication cookie.\r\n";
        assertThatThrownBy(() -> new ControlHandshake(new ByteArrayInputStream(refused.getBytes(StandardCharsets.US_ASCII)),
                new ByteArrayOutputStream(), "test").authenticate(ControlAuth.automatic()))
                .isInstanceOf(TorException.class).hasMessageContaining("refused authentication with the cookie file (515");
        String closed = String.format(INFO_COOKIE_ONLY, file);
        assertThatThrownBy(() -> new ControlHandshake(new ByteArrayInputStream(closed.getBytes(StandardCharsets.US_ASCII)),
                new ByteArrayOutputStream(), "test").authenticate(ControlAuth.automatic()))
                .isInstanceOf(TorException.class).hasMessageContaining("closed the control connection during authentication");
    }

    @Test
    void passwordIsSentHexEncodedNeverQuoted() throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        String replies = "250-PROTOCOLINFO 1\r\n250-AUTH METHODS=HASHEDPASSWORD\r\n250 OK\r\n250 OK\r\n";
        new ControlHandshake(new ByteArrayInputStream(replies.getBytes(StandardCharsets.US_ASCII)), sent, "test")
                .authenticate(ControlAuth.password("a\"b"));
        assertThat(sent.toString(StandardCharsets.US_ASCII)).endsWith("AUTHENTICATE 612262\r\n");
    }
}
