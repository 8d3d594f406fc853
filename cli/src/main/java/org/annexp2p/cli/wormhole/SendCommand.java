package org.annexp2p.cli.wormhole;

import static org.annexp2p.session.transfer.ByteUnits.DECIMAL;

import org.annexp2p.cli.ProgressBar;
import org.annexp2p.cli.Terminal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.annexp2p.wormhole.FileSent;
import org.annexp2p.wormhole.OutgoingFile;
import org.annexp2p.wormhole.SendListener;
import org.annexp2p.wormhole.Wormhole;
import org.annexp2p.wormhole.WormholeException;
import org.annexp2p.wormhole.code.Code;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code annex-p2p wormhole send}: a text or one file, as {@code wormhole send} does it. */
@Command(name = "send", resourceBundle = "org.annexp2p.cli.help.SendCommand")
final class SendCommand extends WormholeSide {

    @Option(names = "--code", paramLabel = "CODE")
    String code;

    @Option(names = {"-c", "--code-length"}, paramLabel = "NUMWORDS", defaultValue = "2")
    int codeLength;

    @Option(names = {"-v", "--verify"})
    boolean verify;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--text", paramLabel = "MESSAGE")
        String text;

        @Parameters(paramLabel = "FILE")
        Path file;
    }

    SendCommand() {
        this(Console.system());
    }

    SendCommand(Console console) {
        super("send", console);
    }

    @Override
    void transfer() throws WormholeException, IOException {
        Optional<Code> preset = code == null ? Optional.empty() : Optional.of(Code.parse(code));
        Wormhole wormhole = wormhole(codeLength);
        ProgressBar meter = side.meter(console);
        Listener listener = new Listener(meter);
        if (what.text != null) {
            String text = what.text.equals("-") ? readStdin() : what.text;
            console.say("Sending text message (" + DECIMAL.of(text.getBytes(StandardCharsets.UTF_8).length) + ")");
            wormhole.sendText(text, preset, listener);
            console.say("text message sent");
        } else {
            OutgoingFile file = OutgoingFile.of(what.file);
            console.say("Sending " + DECIMAL.of(file.size()) + " file named '" + file.name() + "'");
            FileSent sent = wormhole.sendFile(file.path(), preset, listener);
            meter.end();
            console.say("File sent via " + sent.route() + "; confirmation received. Transfer complete.");
        }
    }

    private String readStdin() throws IOException {
        if (Terminal.stdinIsTerminal()) {
            console.say("Reading text message from stdin ..");
        }
        return console.readAll();
    }

    private final class Listener implements SendListener {
        private final ProgressBar meter;

        Listener(ProgressBar meter) {
            this.meter = meter;
        }

        @Override
        public void codeReady(Code c) {
            // git-annex finds the code by scanning our output for a NUMBER-WORD-WORD token: keep it on its own.
            console.say("Wormhole code is: " + c.value());
            console.say("On the other computer, please run:");
            console.say("");
            String servers = parent.relay.forTheOtherSide();
            console.say("annex-p2p wormhole" + servers + " receive " + c.value() + "   (or: wormhole" + servers + " receive)");
            console.say("");
        }

        @Override
        public boolean verify(String verifier) {
            if (!verify) {
                return true;
            }
            console.say("Verifier " + verifier + ".");
            return console.confirm("Verifier ok? (yes/no): ");
        }

        @Override
        public void transitConnected(String route) {
            console.say("Sending via " + route + "..");
        }

        @Override
        public void progress(long done, long total) {
            meter.progress(done, total);
        }
    }
}
