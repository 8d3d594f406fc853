package org.annexp2p.cli;

import java.nio.file.Path;
import org.annexp2p.session.TemporaryTree;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What a transfer stopped by Ctrl-C (or SIGTERM) says on its way out: the JVM exits 130 on SIGINT without a word,
 * and the user would not know that what arrived is kept and that running the same command resumes. Registered
 * only for the transfer, and disarmed when it ends, so a command that finished never prints it.
 */
final class InterruptNotice implements AutoCloseable {
    private final AtomicBoolean armed = new AtomicBoolean(true);
    private final Thread hook;

    private InterruptNotice(PrintStream err, Runnable before, Supplier<String> what) {
        hook = new Thread(() -> {
            if (armed.getAndSet(false)) {
                before.run();
                err.println("annex-p2p: interrupted; " + what.get());
                err.flush();
            }
        }, "interrupt notice");
    }

    /** Until closed, an interrupted run first runs {@code before} (ending the progress bar), then prints {@code what}. */
    static InterruptNotice during(Runnable before, Supplier<String> what) {
        InterruptNotice notice = new InterruptNotice(System.err, before, what);
        Runtime.getRuntime().addShutdownHook(notice.hook);
        return notice;
    }

    /** What a stop says of a command's temporary tree. */
    static final TemporaryTree.OnStop TREE = new TemporaryTree.OnStop() {
        @Override
        public void removed(Path path) {
            System.err.println("annex-p2p: stopped; removed " + path);
        }

        @Override
        public void notRemoved(Path path, Exception why) {
            System.err.println("annex-p2p: stopped; could not remove " + path + ": " + Main.oneLine(why));
        }
    };

    @Override
    public void close() {
        if (armed.getAndSet(false)) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook has started or will find itself disarmed; either way it prints nothing now.
            }
        }
    }
}
