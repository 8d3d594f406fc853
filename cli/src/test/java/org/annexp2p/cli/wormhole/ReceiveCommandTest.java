package org.annexp2p.cli.wormhole;

import org.annexp2p.cli.ProgressBar;
import org.annexp2p.protocol.wire.ShownText;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.annexp2p.wormhole.ReceiveListener.IncomingFile;
import org.annexp2p.wormhole.Received;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a wormhole sender chooses — its file's name, its text — reaches the terminal escaped, and a name can only
 * ever be one file in the current directory.
 */
class ReceiveCommandTest {
    static final String HOSTILE = "\u001b]0;owned\u0007\u001b[2J\r\nDone.\u202etxt.exe\u0085";

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    ReceiveCommand command(boolean outIsTerminal) {
        ReceiveCommand c = new ReceiveCommand(new Console(new PrintStream(out, true, StandardCharsets.UTF_8), outIsTerminal,
                new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader(""))));
        c.acceptFile = true;
        return c;
    }

    private String printed(ByteArrayOutputStream s) {
        return s.toString(StandardCharsets.UTF_8);
    }

    private static boolean hasControl(String s, String allowed) {
        return s.chars().anyMatch(c -> ShownText.isControl((char) c) && allowed.indexOf(c) < 0);
    }

    @Test
    void anOfferedFileNameIsShownEscaped() {
        ReceiveCommand c = command(false);
        Optional<Path> target = c.new Listener(ProgressBar.forWormhole(c.console().err(), false))
                .acceptFile(new IncomingFile("x" + HOSTILE, 10));
        assertThat(target).contains(Path.of("x" + HOSTILE));
        c.report(new Received.File(dir.resolve("x" + HOSTILE), 10, "00", "direct"));
        assertThat(printed(err)).contains("Receiving file (10 Bytes) into: x\\x1b]0;owned\\x07")
                .contains("\\u202etxt.exe\\x85").contains("Received file written to x\\x1b");
        assertThat(hasControl(printed(err), "\n")).as("stderr: %s", printed(err)).isFalse();
        assertThat(printed(err).lines()).as("one line per message").hasSize(2);
    }

    @Test
    void aTextMessageIsEscapedOnATerminalAndLeftAsDataElsewhere() {
        ReceiveCommand onTerminal = command(true);
        onTerminal.report(new Received.Text("line one\n" + HOSTILE));
        assertThat(printed(out)).startsWith("line one\n\\x1b]0;owned").contains("\\x0d\nDone.");
        assertThat(hasControl(printed(out), "\n")).isFalse();

        out.reset();
        command(false).report(new Received.Text(HOSTILE));
        assertThat(printed(out)).isEqualTo(HOSTILE + System.lineSeparator());
    }

    @Test
    void aLinkPlantedAtTheTargetIsRefused() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("planted"), dir.resolve("nowhere-yet"));
        ReceiveCommand c = command(false);
        c.outputFile = link;
        Optional<Path> target = c.new Listener(ProgressBar.forWormhole(c.console().err(), false)).acceptFile(new IncomingFile("f", 1));
        assertThat(target).isEmpty();
        assertThat(printed(err)).contains("Refusing to overwrite existing");
        assertThat(dir.resolve("nowhere-yet")).doesNotExist();
    }
}
