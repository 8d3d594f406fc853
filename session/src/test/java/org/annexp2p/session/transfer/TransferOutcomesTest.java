package org.annexp2p.session.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.testkit.content.TestKeys;
import org.junit.jupiter.api.Test;

/** What a finished get or put means for the location log, and when there is nothing to do. */
class TransferOutcomesTest {
    static final byte[] CONTENT = "content".getBytes(StandardCharsets.UTF_8);
    static final Key KEY = TestKeys.sha256e(CONTENT, ".txt");

    final MemoryRepository ours = new MemoryRepository(Uuid.random());
    final Uuid peer = Uuid.random();

    @Test
    void contentAlreadyInTheStoreIsRecordedAndNotFetched() throws IOException {
        ours.putContent(KEY, CONTENT);
        assertThat(Download.of(ours, KEY, Optional.empty()).alreadyHere()).isTrue();
        assertThat(ours.locations(KEY)).containsExactly(ours.uuid());
    }

    @Test
    void aFileDestinationIsFetchedEvenIfTheStoreHasTheContent() throws IOException {
        ours.putContent(KEY, CONTENT);
        Download toFile = Download.of(ours, KEY, Optional.of(Path.of("/tmp/out.bin")));
        assertThat(toFile.destination()).isEqualTo(new Destination.File(KEY, "/tmp/out.bin"));
        assertThat(toFile.alreadyHere()).isFalse();
    }

    @Test
    void aGetThatDidNotVerifyRecordsNothingAndSaysWhy() {
        assertThatThrownBy(() -> Download.of(ours, KEY, Optional.empty()).finished(false))
                .hasMessage("the peer does not have " + KEY + ", or its content did not verify");
        assertThat(ours.locations(KEY)).isEmpty();
    }

    @Test
    void aFailedGetSaysWhatItKeptForTheNextOne() {
        Download download = Download.of(ours, KEY, Optional.empty());
        assertThat(download.keptAfterFailure()).isEmpty();
        ours.putPartial(download.destination(), new byte[] {1, 2, 3});
        assertThat(download.keptAfterFailure()).isEqualTo("; the 3 bytes received are kept, and get resumes from them");
    }

    @Test
    void anInterruptedGetSaysWhatItKeptForTheNextOne() {
        Download download = Download.of(ours, KEY, Optional.empty());
        assertThat(download.keptAfterInterrupt()).isEqualTo("nothing was received yet");
        ours.putPartial(download.destination(), new byte[] {1, 2, 3});
        assertThat(download.keptAfterInterrupt()).isEqualTo("the 3 bytes received are kept: run the same get again to resume");
    }

    @Test
    void aStoredPutTellsTheLogThePeerHasIt() throws IOException {
        ours.putContent(KEY, CONTENT);
        Upload.of(ours, KEY, Optional.empty()).finished(true, peer);
        assertThat(ours.locations(KEY)).contains(peer);
    }

    @Test
    void aRefusedPutRecordsNothing() throws IOException {
        ours.putContent(KEY, CONTENT);
        Upload upload = Upload.of(ours, KEY, Optional.empty());
        assertThatThrownBy(() -> upload.finished(false, peer)).hasMessageStartingWith("the peer did not store " + KEY);
        assertThat(ours.locations(KEY)).doesNotContain(peer);
    }

    @Test
    void nothingToSendIsSaidBeforeDialing() {
        assertThatThrownBy(() -> Upload.of(ours, KEY, Optional.empty())).hasMessage("no content for " + KEY + " here to send");
    }
}
