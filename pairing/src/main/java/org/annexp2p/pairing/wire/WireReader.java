package org.annexp2p.pairing.wire;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads what {@link WireWriter} wrote; every overrun or bad value is a {@link WireFormatException}. */
public final class WireReader {

    private final byte[] data;
    private final int end;
    private int position;

    public WireReader(byte[] data, int offset, int end) {
        this.data = data;
        this.position = offset;
        this.end = end;
    }

    public WireReader(byte[] data) {
        this(data, 0, data.length);
    }

    public int u8(String field) throws WireFormatException {
        need(field, 1);
        return data[position++] & 0xFF;
    }

    public int u16(String field) throws WireFormatException {
        need(field, 2);
        int value = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    public long i64(String field) throws WireFormatException {
        need(field, 8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (data[position++] & 0xFF);
        }
        return value;
    }

    public byte[] raw(String field, int length) throws WireFormatException {
        need(field, length);
        byte[] bytes = new byte[length];
        System.arraycopy(data, position, bytes, 0, length);
        position += length;
        return bytes;
    }

    public UUID uuid(String field) throws WireFormatException {
        return new UUID(i64(field), i64(field));
    }

    public byte[] bytes8(String field, int max) throws WireFormatException {
        return bounded(field, u8(field), max);
    }

    public byte[] bytes16(String field, int max) throws WireFormatException {
        return bounded(field, u16(field), max);
    }

    public String string8(String field, int max) throws WireFormatException {
        return utf8(field, bytes8(field, max));
    }

    public String string16(String field, int max) throws WireFormatException {
        return utf8(field, bytes16(field, max));
    }

    public InetSocketAddress address(String field) throws WireFormatException {
        byte[] ip = bytes8(field, 16);
        if (ip.length != 4 && ip.length != 16) {
            throw new WireFormatException(field + ": an IP address has 4 or 16 bytes, not " + ip.length);
        }
        int port = u16(field);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new WireFormatException(field + ": " + e.getMessage());
        }
    }

    public List<InetSocketAddress> addresses(String field, int max) throws WireFormatException {
        int count = u8(field);
        if (count > max) {
            throw new WireFormatException(field + ": " + count + " addresses, at most " + max + " allowed");
        }
        List<InetSocketAddress> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(address(field));
        }
        return List.copyOf(result);
    }

    public int position() {
        return position;
    }

    public void requireEnd(String what) throws WireFormatException {
        if (position != end) {
            throw new WireFormatException(what + ": " + (end - position) + " unexpected trailing bytes");
        }
    }

    private byte[] bounded(String field, int length, int max) throws WireFormatException {
        if (length > max) {
            throw new WireFormatException(field + ": " + length + " bytes, at most " + max + " allowed");
        }
        return raw(field, length);
    }

    private void need(String field, int length) throws WireFormatException {
        if (length > end - position) {
            throw new WireFormatException(field + ": truncated (" + (end - position) + " bytes left, " + length + " needed)");
        }
    }

    private static String utf8(String field, byte[] bytes) throws WireFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WireFormatException(field + ": not valid UTF-8");
        }
    }
}
