package org.annexp2p.cli.wormhole;

import static org.annexp2p.session.transfer.ByteUnits.DECIMAL;

import org.annexp2p.cli.ProgressBar;
import org.annexp2p.cli.Terminal;
import java.nio.file.Path;
import java.util.Optional;
import org.annexp2p.wormhole.InvalidCodeException;
import org.annexp2p.wormhole.Landing;
import org.annexp2p.wormhole.ReceiveListener;
import org.annexp2p.wormhole.Received;
import org.annexp2p.wormhole.Wormhole;
import org.annexp2p.wormhole.WormholeException;
import org.annexp2p.wormhole.code.Code;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code annex-p2p wormhole receive}: prints a received text on stdout, or stores a received file. */
@Command(name = "receive", resourceBundle = "org.annexp2p.cli.help.ReceiveCommand")
final class ReceiveCommand extends WormholeSide {

    @Option(names = {"-c", "--code-length"}, paramLabel = "NUMWORDS", defaultValue = "2")
    int codeLength;

    @Option(names = {"-v", "--verify"})
    boolean verify;

    @Option(names = {"-t", "--only-text"})
    boolean onlyText;

    @Option(names = "--accept-file")
    boolean acceptFile;

    @Option(names = {"-o", "--output-file"}, paramLabel = "PATH")
    Path outputFile;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CODE")
    String code;

    ReceiveCommand() {
        this(Console.system());
    }

    ReceiveCommand(Console console) {
        super("receive", console);
    }

    @Override
    void transfer() throws WormholeException {
        Wormhole wormhole = wormhole(codeLength);
        Code parsed = Code.parse(code != null ? code : readCode());
        ProgressBar meter = side.meter(console);
        Received received = wormhole.receive(parsed, new Listener(meter));
        meter.end();
        report(received);
    }

    void report(Received received) {
        if (received instanceof Received.Text text) {
            console.text(text.text());
        } else if (received instanceof Received.File file) {
            console.say("Received file written to " + file.path().getFileName());
        }
    }

    private String readCode() throws InvalidCodeException {
        String prompt = Terminal.stdinIsTerminal() ? "Enter receive wormhole code: " : "";
        return console.ask(prompt).orElseThrow(() -> new InvalidCodeException("no code given (none on the command line or stdin)"));
    }

    final class Listener implements ReceiveListener {
        private final ProgressBar meter;

        Listener(ProgressBar meter) {
            this.meter = meter;
        }

        @Override
        public boolean verify(String verifier) {
            if (verify) {
                console.say("Verifier " + verifier + ".");
            }
            return true;
        }

        @Override
        public Optional<Path> acceptFile(IncomingFile offer) {
            if (onlyText) {
                console.say("Refusing a file (" + DECIMAL.of(offer.size()) + "): --only-text was given");
                return Optional.empty();
            }
            Landing landing = Landing.of(offer.name(), Optional.ofNullable(outputFile));
            if (!(landing instanceof Landing.At at)) {
                console.say(landing instanceof Landing.Exists exists ? "Refusing to overwrite existing '" + exists.path() + "'"
                        : "Refusing a file with an unusable name");
                return Optional.empty();
            }
            console.say("Receiving file (" + DECIMAL.of(offer.size()) + ") into: " + at.path());
            if (!acceptFile) {
                if (!console.confirm("ok? (y/N): ")) {
                    console.say("transfer rejected");
                    return Optional.empty();
                }
            }
            return Optional.of(at.path());
        }

        @Override
        public void transitConnected(String route) {
            console.say("Receiving via " + route + "..");
        }

        @Override
        public void progress(long done, long total) {
            meter.progress(done, total);
        }
    }
}
