package org.annexp2p.session.pair;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.annexp2p.protocol.wire.AuthToken;

/**
 * What each side of {@code git annex p2p --pair} sends through the wormhole: its half of the auth token on the
 * first line, then its P2P addresses ({@code tor-annex::} and {@code p2p-annex::}), one per line. Like git-annex,
 * every address line must parse: one that does not refuses the whole data.
 */
public record PairData(AuthToken half, List<PairAddress> addresses) {
    public static final int HALF_LENGTH = 64;
    /** A token half and a few addresses fit in far less; anything bigger is not pair data. */
    public static final int MAX_BYTES = 64 * 1024;

    public PairData {
        addresses = List.copyOf(addresses);
        if (half.reveal().length() != HALF_LENGTH) {
            throw new IllegalArgumentException("a token half has " + HALF_LENGTH + " characters");
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("pair data names at least one address");
        }
    }

    public static PairData parse(byte[] data) throws InvalidPairDataException {
        if (data.length > MAX_BYTES) {
            throw new InvalidPairDataException("it is larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.US_ASCII.newDecoder().decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidPairDataException("it is not text (binary garbage?)");
        }
        List<String> lines = text.lines().toList();
        if (lines.isEmpty()) {
            throw new InvalidPairDataException("it was empty");
        }
        AuthToken half = AuthToken.parse(lines.get(0).trim()).filter(t -> t.reveal().length() == HALF_LENGTH)
                .getOrElseThrow(() -> new InvalidPairDataException("its first line is not a token half"));
        List<PairAddress> addresses = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            try {
                addresses.add(PairAddress.parse(line.trim()));
            } catch (RuntimeException e) {
                throw new InvalidPairDataException("not an address: " + printable(line) + " (" + printable(e.getMessage()) + ")");
            }
        }
        if (addresses.isEmpty()) {
            throw new InvalidPairDataException("it names no address");
        }
        return new PairData(half, addresses);
    }

    /**
     * The addresses pair data can carry among a repository's P2P addresses (its p2paddrs lines), in their order:
     * the lines git-annex would read as P2P addresses; other kinds are left out.
     */
    public static List<PairAddress> pairable(List<String> p2pAddresses) {
        List<PairAddress> pairable = new ArrayList<>();
        for (String line : p2pAddresses) {
            try {
                pairable.add(PairAddress.parse(line));
            } catch (RuntimeException e) {
                // Another transport's address, or one the other side could not read: nothing it could use.
            }
        }
        return pairable;
    }

    /** git-annex's serialization: every line, the last one too, ends in a newline. */
    public String format() {
        StringBuilder sb = new StringBuilder(half.reveal()).append('\n');
        addresses.forEach(a -> sb.append(a.format()).append('\n'));
        return sb.toString();
    }

    /** The other side's line as shown to the user: shortened, control characters (terminal escapes) replaced. */
    private static String printable(String line) {
        if (line == null) {
            return "";
        }
        String shown = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        return shown.chars().map(c -> c < 0x20 || c == 0x7f ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
