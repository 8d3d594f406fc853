package org.annexp2p.cli;

import java.io.IOException;
import java.util.List;
import org.annexp2p.session.TemporaryTree;
import org.annexp2p.session.rehearsal.Rehearsal;

/**
 * Not a command: the build runs this in a JVM that writes every class it loaded into a class-data archive, or, on a
 * JDK with ahead-of-time caches, into such a cache (with the classes linked and this run's method profiles), which
 * {@code bin/annex-p2p} then starts the tool with (see cli/pom.xml and class-data-archives.sh). {@link Rehearsal}
 * says what each archive rehearses; this runs it on this command line.
 */
final class ClassDataTraining {
    private ClassDataTraining() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !List.of("ssh", "commands", "wormhole").contains(args[0])) {
            System.err.println("usage: ClassDataTraining ssh|commands|wormhole (run by the build; not a command)");
            System.exit(2);
        }
        Rehearsal rehearsal = new Rehearsal(new Rehearsal.Tool() {
            @Override
            public int run(String... argv) {
                return Main.run(argv);
            }

            @Override
            public void models() {
                Main.commandLine();
            }

            @Override
            public String words(Throwable failure) {
                return Main.oneLine(failure);
            }
        });
        try (TemporaryTree dir = TemporaryTree.create("annex-p2p-training", InterruptNotice.TREE)) {
            switch (args[0]) {
                case "ssh" -> rehearsal.ssh(dir.path());
                case "wormhole" -> rehearsal.wormhole(dir.path());
                default -> rehearsal.commands(dir.path());
            }
        }
        // The JVM writes the archive as it exits; a thread left running must not keep the build waiting.
        System.exit(0);
    }
}
