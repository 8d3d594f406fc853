package org.annexp2p.wormhole.transit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
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
