package org.annexp2p.repository;

import org.annexp2p.testkit.content.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Example;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.wire.Uuid;

/** What a completed get logs: content in the object store as here, content in a file outside nowhere. */
class RecordArrivalTest {
    static final byte[] CONTENT = "arrived\n".getBytes(StandardCharsets.US_ASCII);
    static final Key KEY = TestKeys.sha256e(CONTENT, ".txt");

    @Example
    void contentThatArrivedInTheObjectStoreIsLoggedAsHere() throws IOException {
        MemoryRepository repo = new MemoryRepository(Uuid.random());
        repo.putContent(KEY, CONTENT);
        repo.recordArrival(new Destination.ObjectStore(KEY));
        assertThat(repo.locations(KEY)).containsExactly(repo.uuid());
    }

    @Example
    void contentThatWentToAFileIsNotLogged() throws IOException {
        MemoryRepository repo = new MemoryRepository(Uuid.random());
        repo.putContent(KEY, CONTENT);
        repo.recordArrival(new Destination.File(KEY, "/tmp/elsewhere.txt"));
        assertThat(repo.locations(KEY)).isEmpty();
    }

    @Example
    void anArrivalWhoseContentIsGoneAgainIsNotLogged() throws IOException {
        MemoryRepository repo = new MemoryRepository(Uuid.random());
        repo.recordArrival(new Destination.ObjectStore(KEY));
        assertThat(repo.locations(KEY)).isEmpty();
    }
}
