package org.annexp2p.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobsTest {

    @Test
    void closingStopsEveryJobEvenAfterOneFailedToStop() {
        List<String> stopped = new ArrayList<>();
        Jobs jobs = new Jobs();
        jobs.onClose(() -> stopped.add("pairing"));
        jobs.onClose(() -> {
            throw new IllegalStateException("already gone");
        });
        jobs.onClose(() -> stopped.add("tor"));
        assertThat(stopped).isEmpty();
        jobs.close();
        assertThat(stopped).containsExactly("pairing", "tor");
        jobs.close();
        assertThat(stopped).as("each stopped once").containsExactly("pairing", "tor");
    }

    @Test
    void aJobStartedAfterTheCloseIsStoppedAtOnce() {
        List<String> stopped = new ArrayList<>();
        Jobs jobs = new Jobs();
        jobs.close();
        jobs.onClose(() -> stopped.add("late"));
        assertThat(stopped).containsExactly("late");
    }
}
