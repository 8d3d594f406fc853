package org.annexp2p.pairing.wire;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Big-endian, length-prefixed encoding shared by announcements and pairing messages.
 *
 * <p>Canonical bytes matter because they are MACed: the historic git-annex pairing MACed Haskell's
 * {@code show} output, which no other implementation can reproduce.
 */
public final class WireWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    public WireWriter u8(int value) {
        requireRange("u8", value, 0xFF);
        out.write(value);
        return this;
    }

    public WireWriter u16(int value) {
        requireRange("u16", value, 0xFFFF);
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    public WireWriter i64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    public WireWriter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public WireWriter uuid(UUID uuid) {
        return i64(uuid.getMostSignificantBits()).i64(uuid.getLeastSignificantBits());
    }

    /** A u8-length-prefixed byte string. */
    public WireWriter bytes8(byte[] bytes) {
        u8(bytes.length);
        return raw(bytes);
    }

    /** A u16-length-prefixed byte string. */
    public WireWriter bytes16(byte[] bytes) {
        u16(bytes.length);
        return raw(bytes);
    }

    public WireWriter string8(String text) {
        return bytes8(text.getBytes(StandardCharsets.UTF_8));
    }

    public WireWriter string16(String text) {
        return bytes16(text.getBytes(StandardCharsets.UTF_8));
    }

    public WireWriter address(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("address must be a literal IP: " + address);
        }
        bytes8(ip.getAddress());
        return u16(address.getPort());
    }

    public WireWriter addresses(List<InetSocketAddress> addresses) {
        u8(addresses.size());
        addresses.forEach(this::address);
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private static void requireRange(String type, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(type + " out of range: " + value);
        }
    }
}
