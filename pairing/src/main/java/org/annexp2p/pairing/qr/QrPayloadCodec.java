package org.annexp2p.pairing.qr;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annexp2p.pairing.tls.KeyFingerprint;

/**
 * The QR payload as text, version 1:
 * {@code AXP-LAN/1 <port> <key sha256 hex> <secret base64url> <address>,<address>...} (a lone {@code -} for
 * no addresses; IPv6 in brackets). Space-separated plain ASCII so a user can also paste it as
 * {@code --payload}; the secret is base64url so any phrase, spaces included, survives.
 *
 * <p>Unlike status-go's "never strictly check version", another version is refused by name: a payload's
 * fields decide which key gets pinned, so guessing at an unknown layout would be unsafe.
 */
public final class QrPayloadCodec {

    public static final int VERSION = 1;
    static final String PREFIX = "AXP-LAN/";
    /** Far above any real payload; bounds the work a pasted blob can cause. */
    static final int MAX_LENGTH = 2048;
    private static final Pattern HEADER = Pattern.compile("AXP-LAN/([0-9]{1,9})(?: .*)?", Pattern.DOTALL);
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private QrPayloadCodec() {
    }

    public static String encode(QrPayload payload) {
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.secret().getBytes(StandardCharsets.UTF_8));
        List<String> addresses = new ArrayList<>();
        for (InetAddress a : payload.addresses()) {
            addresses.add(a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress());
        }
        return PREFIX + VERSION + " " + payload.port() + " " + payload.key().hex() + " " + secret + " "
                + (addresses.isEmpty() ? "-" : String.join(",", addresses));
    }

    public static QrPayload decode(String text) throws InvalidPayloadException {
        String trimmed = text.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw new InvalidPayloadException("payload is " + trimmed.length() + " characters, at most " + MAX_LENGTH);
        }
        Matcher header = HEADER.matcher(trimmed);
        if (!header.matches()) {
            throw new InvalidPayloadException("not an annex-p2p LAN pairing payload (it should start with " + PREFIX + VERSION + ")");
        }
        int version = Integer.parseInt(header.group(1));
        if (version != VERSION) {
            throw new InvalidPayloadException("payload is format version " + version + "; this annex-p2p reads version " + VERSION
                    + " only" + (version > VERSION ? " (the other side is newer: update annex-p2p here)" : ""));
        }
        String[] fields = trimmed.split(" ", -1);
        if (fields.length != 5) {
            throw new InvalidPayloadException("version " + VERSION + " payload has 5 space-separated fields, this one has " + fields.length);
        }
        return new QrPayload(port(fields[1]), key(fields[2]), secret(fields[3]), addresses(fields[4]));
    }

    private static int port(String field) throws InvalidPayloadException {
        if (!PORT.matcher(field).matches() || Integer.parseInt(field) < 1 || Integer.parseInt(field) > 65535) {
            throw new InvalidPayloadException("port field is not a number within 1..65535");
        }
        return Integer.parseInt(field);
    }

    private static KeyFingerprint key(String field) throws InvalidPayloadException {
        try {
            return KeyFingerprint.parse(field);
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException("key field: " + e.getMessage());
        }
    }

    private static String secret(String field) throws InvalidPayloadException {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(field);
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException("secret field is not base64url");
        }
        if (bytes.length == 0) {
            throw new InvalidPayloadException("secret field is empty");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidPayloadException("secret field is not UTF-8 text");
        }
    }

    private static List<InetAddress> addresses(String field) throws InvalidPayloadException {
        if (field.equals("-")) {
            return List.of();
        }
        List<InetAddress> result = new ArrayList<>();
        for (String item : field.split(",", -1)) {
            result.add(literal(item));
        }
        return result;
    }

    /** Parses literal IPs only: a payload must never make us resolve a name. */
    private static InetAddress literal(String item) throws InvalidPayloadException {
        try {
            if (item.startsWith("[") && item.endsWith("]") && item.length() > 2) {
                String inner = item.substring(1, item.length() - 1);
                if (inner.matches("[0-9a-fA-F:.]+") && inner.contains(":")) {
                    InetAddress a = InetAddress.getByName(inner);
                    if (a instanceof Inet6Address) {
                        return a;
                    }
                }
            } else if (item.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
                String[] parts = item.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int v = Integer.parseInt(parts[i]);
                    if (v > 255) {
                        throw new InvalidPayloadException("address " + item + " is not an IP address");
                    }
                    bytes[i] = (byte) v;
                }
                return InetAddress.getByAddress(bytes);
            }
        } catch (UnknownHostException e) {
            // falls through to the refusal below
        }
        throw new InvalidPayloadException("address " + abbreviate(item) + " is not a literal IPv4 or [IPv6] address");
    }

    private static String abbreviate(String s) {
        return s.length() > 45 ? s.substring(0, 45) + "…" : s;
    }
}
