package org.annexp2p.interpreters.local;

import org.annexp2p.testkit.content.TestPayload;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.IOException;
import net.jqwik.api.Example;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.wire.ChangedRefs;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.repository.Repository;
import org.annexp2p.repository.RepositoryEvent;
import org.annexp2p.testkit.content.AnnexedContent;

class MemoryRepositoryTest extends RepositoryContract {
    private static final MemoryRepository REPO = new MemoryRepository(new Uuid("8f2b2c6e-0000-4000-8000-000000000001"));
    private static long files;

    @Override
    Repository repository() {
        return REPO;
    }

    @Override
    String freshFilePath() {
        return "file-" + (++files);
    }

    @Override
    Option<byte[]> fileContent(String path) {
        return REPO.file(path);
    }

    @Example
    void aRefusedTransferStoresNothingAndTheEventsSaySo() throws IOException {
        MemoryRepository repo = new MemoryRepository(Uuid.random());
        byte[] content = "hello world\n".getBytes();
        Key key = AnnexedContent.sha256e(content, ".txt");
        Destination d = new Destination.ObjectStore(key);
        byte[] bad = content.clone();
        bad[0] = 'H';
        try (RepositoryLocal l = new RepositoryLocal(repo)) {
            write(l, d, 0, TestPayload.of(bad));
            assertThat(finish(l, d, Option.some(Validity.VALID))).isFalse();
        }
        assertThat(repo.mutations()).containsExactly(new RepositoryEvent.PartialWritten(d, 0, bad.length),
                new RepositoryEvent.PartialDiscarded(d));
        assertThat(repo.keys()).isEmpty();
    }

    @Example
    void aFreshRepositoryHasNoEventsAndSetUpIsNotAnEvent() {
        MemoryRepository repo = new MemoryRepository(Uuid.random());
        repo.putContent(Key.of("WORM", 2, "x"), new byte[2]);
        assertThat(repo.events()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> repo.putContent(Key.of("WORM", 3, "y"), new byte[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void queuedRefChangesAreDeliveredInOrder() throws IOException {
        MemoryRepository repo = new MemoryRepository(Uuid.random());
        ChangedRefs refs = ChangedRefs.parse("0123abcd 4567ef01");
        repo.queueRefChange(refs);
        assertThat(repo.waitRefChange()).isEqualTo(refs);
    }
}
