package org.annexp2p.repository;

import java.util.function.Consumer;

/**
 * Who opens a repository: the environment its git commands run in, and where the warnings its requests cause go
 * (a key refused, say). A normal process logs them to its stderr; a resident server's session prints them to the
 * session's stderr, not the server's.
 */
public record Caller(GitEnvironment environment, Consumer<String> warnings) {

    /** This process: its environment, its log. */
    public static final Caller THIS_PROCESS = new Caller(GitEnvironment.THIS_PROCESS, Caller::log);

    /**
     * Looked up on first use, not when the class loads: finding the logging backend scans every jar on the class
     * path, which alone costs p2pstdio about as much start-up time as the bare JVM.
     */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(AnnexRepository.class.getName());
    }

    private static void log(String warning) {
        Log.LOG.log(System.Logger.Level.WARNING, warning);
    }
}
