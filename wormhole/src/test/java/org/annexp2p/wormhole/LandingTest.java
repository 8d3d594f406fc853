package org.annexp2p.wormhole;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where an offered file lands: one file in the current directory, or where the receiver said; never over anything. */
class LandingTest {
    @TempDir
    Path dir;

    @Test
    void aNameNeverLeavesTheCurrentDirectory() {
        for (String name : new String[] {"../x", "/etc/x", "a/../../x", "..\\..\\x", "C:\\Windows\\x", "./x"}) {
            assertThat(Landing.safeName(name)).as(name).contains(Path.of("x"));
        }
        for (String name : new String[] {"", ".", "..", "a/..", "a/.", "x/", "/", "x\u0000y", "..\\"}) {
            assertThat(Landing.safeName(name)).as(name).isEmpty();
            assertThat(Landing.of(name, Optional.empty())).as(name).isEqualTo(new Landing.UnusableName());
        }
    }

    @Test
    void theReceiversChoiceWinsOverTheSendersName() {
        Path chosen = dir.resolve("mine");
        assertThat(Landing.of("../../etc/passwd", Optional.of(chosen))).isEqualTo(new Landing.At(chosen));
        assertThat(Landing.of("..", Optional.of(chosen))).isEqualTo(new Landing.At(chosen));
    }

    @Test
    void nothingThereAlreadyIsOverwritten() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "keep me");
        assertThat(Landing.of("x", Optional.of(file))).isEqualTo(new Landing.Exists(file));
        Path dangling = Files.createSymbolicLink(dir.resolve("planted"), dir.resolve("nowhere-yet"));
        assertThat(Landing.of("x", Optional.of(dangling))).isEqualTo(new Landing.Exists(dangling));
        assertThat(dir.resolve("nowhere-yet")).doesNotExist();
        assertThat(file).hasContent("keep me");
    }
}
