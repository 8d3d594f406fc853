package org.annexp2p.wormhole.spake2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.IntFunction;

/** python-spake2's deterministic test PRG: the concatenation of SHA256("prng-" + counter + "-" + seed). */
final class Prg implements IntFunction<byte[]> {

    private final byte[] seed;
    private byte[] buffer = new byte[0];
    private int used;
    private int counter;

    Prg(String seed) {
        this.seed = seed.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] apply(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            if (used == buffer.length) {
                buffer = block(counter++);
                used = 0;
            }
            out[i] = buffer[used++];
        }
        return out;
    }

    private byte[] block(int c) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("prng-" + c + "-").getBytes(StandardCharsets.US_ASCII));
            sha.update(seed);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
