package org.annexp2p.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.session.demo.Demo;
import org.annexp2p.session.demo.DemoWatcher;
import org.annexp2p.session.TemporaryTree;
import org.annexp2p.session.transfer.ByteUnits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", resourceBundle = "org.annexp2p.cli.help.DemoCommand", mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--size", paramLabel = "MiB", defaultValue = "256")
    int sizeMiB;

    @Option(names = "--keep")
    boolean keep;

    @Option(names = "--debug")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        if (sizeMiB < 1 || sizeMiB > 65536) {
            throw new Main.UsageException("--size must be between 1 and 65536 MiB");
        }
        Demo demo = new Demo((long) sizeMiB << 20, Demo.gitOn(System.getenv().getOrDefault("PATH", "")),
                Debug.transcript(debug), new OnStderr());
        if (keep) {
            Path dir = Files.createTempDirectory("annex-p2p-demo");
            try {
                demo.run(dir);
            } finally {
                System.err.println("kept the demo repositories in " + dir);
            }
            return 0;
        }
        try (TemporaryTree dir = TemporaryTree.create("annex-p2p-demo", InterruptNotice.TREE)) {
            demo.run(dir.path());
        }
        return 0;
    }

    /** The demo as it goes, on stderr: its narration and a progress bar per transfer. */
    private static final class OnStderr implements DemoWatcher {
        private ProgressBar bar;

        @Override
        public void say(String line) {
            System.err.println(line);
        }

        @Override
        public void started(String what, long size, long resumedFrom) {
            bar = ProgressBar.onStderr("   " + what, size);
            if (resumedFrom > 0) {
                bar.resumedFrom(resumedFrom);
            }
        }

        @Override
        public void progress(long position) {
            bar.progress(position);
        }

        @Override
        public void finished(String outcome) {
            bar.finish(outcome);
        }

        @Override
        public void kept(long bytes) {
            say("   desktop kept " + ByteUnits.IEC.of(bytes) + " of the interrupted upload (never visible as an object)");
        }

        @Override
        public void located(Key key, boolean onLaptop, boolean onDesktop, List<Uuid> desktopLog) {
            say("  " + GetCommand.abbreviated(key) + "  laptop: " + onLaptop + ", desktop: " + onDesktop
                    + "; desktop's log lists " + desktopLog);
        }
    }
}
