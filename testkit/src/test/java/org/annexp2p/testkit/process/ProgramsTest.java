package org.annexp2p.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The interop fixtures must fail loudly, naming the program and its package, when a peer is missing. */
class ProgramsTest {

    @Test
    void missingProgramFailsNamingIt() {
        assertThatThrownBy(() -> Programs.require("no-such-wormhole-peer", "some-debian-package"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no-such-wormhole-peer")
                .hasMessageContaining("some-debian-package");
    }

    @Test
    void presentProgramIsFound() {
        assertThat(Programs.require("sh", "dash")).isExecutable();
    }
}
