package org.annexp2p.repository;

import org.annexp2p.testkit.content.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.Uuid;

class IngestTest {

    @Property(tries = 50)
    void theKeyIsTheContentsSha256eAndTheContentIsStoredAndLogged(@ForAll byte[] content) throws IOException {
        MemoryRepository repo = new MemoryRepository(Uuid.random());
        Key key = Ingest.sha256e(repo, () -> new ByteArrayInputStream(content), ".bin");
        assertThat(key).isEqualTo(TestKeys.sha256e(content, ".bin"));
        assertThat(repo.content(key).get()).isEqualTo(content);
        assertThat(repo.locations(key)).containsExactly(repo.uuid());
    }

    @Example
    void contentThatChangesBetweenTheReadingsIsNotStored() {
        MemoryRepository repo = new MemoryRepository(Uuid.random());
        AtomicInteger readings = new AtomicInteger();
        Ingest.Source shifting = () -> new ByteArrayInputStream(
                ("reading " + readings.incrementAndGet()).getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Ingest.sha256e(repo, shifting, ".bin")).isInstanceOf(IOException.class)
                .hasMessageContaining("changed");
        assertThat(repo.keys()).isEmpty();
    }

    @Example
    void anEmptyExtensionGivesAKeyWithoutOne() throws IOException {
        Key key = Ingest.keyOf(() -> new ByteArrayInputStream(new byte[0]), "");
        assertThat(key.toString())
                .isEqualTo("SHA256E-s0--e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
