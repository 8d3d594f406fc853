package org.annexp2p.wormhole.transit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.annexp2p.wormhole.PeerProtocolException;

class RecordProperties {

    @Property(tries = 100)
    void recordsRoundTripInOrder(@ForAll @Size(32) byte[] key, @ForAll @Size(max = 20) List<@Size(max = 300) byte[]> records)
            throws Exception {
        TransitSecrets secrets = new TransitSecrets(key);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordWriter writer = new RecordWriter(out, secrets.recordBox(TransitRole.RECEIVER));
        for (byte[] r : records) {
            writer.write(r);
        }
        RecordReader reader = new RecordReader(new ByteArrayInputStream(out.toByteArray()), secrets.recordBox(TransitRole.RECEIVER), 4096);
        for (byte[] r : records) {
            assertThat(reader.read()).isEqualTo(r);
        }
    }

    @Property(tries = 50)
    void recordsOfAnySizeRoundTripThroughReusedBuffers(@ForAll @Size(32) byte[] key,
                                                       @ForAll @Size(max = 8) List<@IntRange(max = 200_000) Integer> sizes,
                                                       @ForAll long seed) throws Exception {
        TransitSecrets secrets = new TransitSecrets(key);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordWriter writer = new RecordWriter(out, secrets.recordBox(TransitRole.SENDER));
        Random random = new Random(seed);
        List<byte[]> records = new ArrayList<>();
        for (int size : sizes) {
            byte[] r = new byte[size + 5];
            random.nextBytes(r);
            records.add(Arrays.copyOfRange(r, 5, r.length));
            writer.write(r, 5, size);
        }
        RecordReader reader = new RecordReader(new ByteArrayInputStream(out.toByteArray()), secrets.recordBox(TransitRole.SENDER),
                1 << 20);
        for (byte[] r : records) {
            ByteBuffer next = reader.next();
            assertThat(Arrays.copyOfRange(next.array(), next.position(), next.limit())).isEqualTo(r);
        }
    }

    @Property(tries = 200)
    void nonceIsTheRecordNumberBigEndian(@ForAll @LongRange(min = 0) long n) {
        byte[] nonce = new byte[24];
        Arrays.fill(nonce, (byte) 7);
        RecordReader.nonceBytes(n, nonce);
        assertThat(new BigInteger(1, nonce)).isEqualTo(BigInteger.valueOf(n));
    }

    @Property(tries = 300)
    void garbageIsATypedErrorOrEndOfStream(@ForAll @Size(32) byte[] key, @ForAll @Size(max = 400) byte[] garbage) {
        RecordReader reader = new RecordReader(new ByteArrayInputStream(garbage),
                new TransitSecrets(key).recordBox(TransitRole.SENDER), 4096);
        try {
            reader.read();
            throw new AssertionError("garbage decrypted");
        } catch (PeerProtocolException | IOException expected) {
            assertThat(expected.getMessage()).isNotNull();
        }
    }
}
