package org.annexp2p.tor.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.annexp2p.tor.TorException;
import org.annexp2p.tor.TorException.Reason;

/**
 * PROTOCOLINFO and AUTHENTICATE, spoken on the raw streams before jtorctl takes them over: jtorctl has no
 * PROTOCOLINFO/AUTHCHALLENGE (so no SAFECOOKIE) and hides reply codes, which we need to tell "wrong cookie"
 * from "tor closed". Reads byte by byte so no reply bytes are buffered away from jtorctl's reader.
 */
final class ControlHandshake {

    private static final int MAX_LINE = 8192;
    private static final int COOKIE_LENGTH = 32;
    private static final String SERVER_TO_CONTROLLER = "Tor safe cookie authentication server-to-controller hash";
    private static final String CONTROLLER_TO_SERVER = "Tor safe cookie authentication controller-to-server hash";
    private static final HexFormat HEX = HexFormat.of();

    private final InputStream in;
    private final OutputStream out;
    private final String where;

    ControlHandshake(InputStream in, OutputStream out, String where) {
        this.in = in;
        this.out = out;
        this.where = where;
    }

    /** Authenticates with the best method tor allows and we have credentials for; returns tor's PROTOCOLINFO. */
    ProtocolInfo authenticate(ControlAuth auth) throws IOException {
        Reply info = command("PROTOCOLINFO 1");
        if (!info.ok()) {
            throw new TorException(Reason.AUTH_REFUSED, "tor at " + where + " rejected PROTOCOLINFO (" + info.last()
                    + "); is this really a tor control port?");
        }
        ProtocolInfo pi = ProtocolInfo.parse(info.lines());
        if (pi.methods().contains("NULL")) {
            expectOk(command("AUTHENTICATE"), "no authentication");
        } else if (pi.methods().contains("HASHEDPASSWORD") && auth.password().isPresent()) {
            // a password the user gave is what they mean us to use, even if a cookie is readable too
            byte[] pw = auth.password().get().getBytes(StandardCharsets.UTF_8);
            expectOk(command("AUTHENTICATE " + HEX.formatHex(pw)), "the password");
        } else if (pi.methods().contains("SAFECOOKIE") && cookieFile(auth, pi) != null) {
            safeCookie(readCookie(cookieFile(auth, pi)));
        } else if (pi.methods().contains("COOKIE") && cookieFile(auth, pi) != null) {
            byte[] cookie = readCookie(cookieFile(auth, pi));
            expectOk(command("AUTHENTICATE " + HEX.formatHex(cookie)), "the cookie file");
        } else {
            throw new TorException(Reason.AUTH_REFUSED, "tor at " + where + " allows authentication by "
                    + String.join(", ", pi.methods()) + " but we have no matching credentials; "
                    + (pi.methods().contains("HASHEDPASSWORD") ? "give the control password" : "make the cookie file readable"));
        }
        return pi;
    }

    private static Path cookieFile(ControlAuth auth, ProtocolInfo pi) {
        return auth.cookieFile().orElse(pi.cookieFile().orElse(null));
    }

    private byte[] readCookie(Path file) throws TorException {
        byte[] cookie;
        try {
            cookie = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TorException(Reason.AUTH_REFUSED, "cannot read tor's control cookie " + file + " ("
                    + e.getClass().getSimpleName() + "); run as a user who may read it (e.g. in group debian-tor)");
        }
        if (cookie.length != COOKIE_LENGTH) {
            throw new TorException(Reason.AUTH_REFUSED, "tor's control cookie " + file + " has " + cookie.length
                    + " bytes instead of 32; point to the right cookie file");
        }
        return cookie;
    }

    private void safeCookie(byte[] cookie) throws IOException {
        byte[] clientNonce = new byte[32];
        new SecureRandom().nextBytes(clientNonce);
        Reply challenge = command("AUTHCHALLENGE SAFECOOKIE " + HEX.formatHex(clientNonce));
        if (!challenge.ok()) {
            throw refused(challenge, "SAFECOOKIE");
        }
        String line = challenge.last();
        byte[] serverHash = field(line, "SERVERHASH=");
        byte[] serverNonce = field(line, "SERVERNONCE=");
        byte[] message = concat(cookie, clientNonce, serverNonce);
        if (!MessageDigest.isEqual(hmac(SERVER_TO_CONTROLLER, message), serverHash)) {
            throw new TorException(Reason.AUTH_REFUSED, "tor at " + where + " does not know our cookie file's"
                    + " contents (wrong cookie file?); point to the cookie of the tor you are talking to");
        }
        expectOk(command("AUTHENTICATE " + HEX.formatHex(hmac(CONTROLLER_TO_SERVER, message))), "SAFECOOKIE");
    }

    private byte[] field(String line, String name) throws TorException {
        int i = line.indexOf(name);
        if (i < 0) {
            throw new TorException(Reason.AUTH_REFUSED, "tor at " + where + " sent an AUTHCHALLENGE reply without " + name);
        }
        int end = line.indexOf(' ', i);
        String hex = line.substring(i + name.length(), end < 0 ? line.length() : end);
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new TorException(Reason.AUTH_REFUSED, "tor at " + where + " sent a malformed " + name);
        }
    }

    private static byte[] hmac(String key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private void expectOk(Reply reply, String method) throws TorException {
        if (!reply.ok()) {
            throw refused(reply, method);
        }
    }

    private TorException refused(Reply reply, String method) {
        // tor's 515 text may quote configuration, never our secret, but keep it short anyway
        return new TorException(Reason.AUTH_REFUSED, "tor at " + where + " refused authentication with " + method
                + " (" + reply.code() + " " + truncate(reply.last()) + "); check the cookie file or password");
    }

    private static String truncate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    /** One reply: its final status code and the text of every line. */
    record Reply(String code, List<String> lines) {
        boolean ok() {
            return code.startsWith("2");
        }

        String last() {
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    Reply command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readReply();
    }

    Reply readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.length() < 4) {
                throw new TorException(Reason.AUTH_REFUSED, "the control port at " + where
                        + " sent a malformed reply line; is this really tor?");
            }
            char sep = line.charAt(3);
            lines.add(line.substring(4));
            if (sep == '+') {
                // data reply: skip the dot-terminated block, nothing we parse lives in one during the handshake
                while (!readLine().equals(".")) {
                    // keep reading
                }
            }
            if (sep == ' ') {
                return new Reply(line.substring(0, 3), lines);
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new TorException(Reason.AUTH_REFUSED, "tor at " + where
                        + " closed the control connection during authentication (wrong credentials?)");
            }
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            if (b.size() >= MAX_LINE) {
                throw new TorException(Reason.AUTH_REFUSED, "the control port at " + where + " sent an overlong line");
            }
            b.write(c);
        }
    }
}
