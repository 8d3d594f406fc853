package org.annexp2p.testkit.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A program a test runs: its arguments, directory, environment, standard input, where its output is also kept, and
 * the bound after which it is killed whatever the test does (so a hang fails a test instead of stalling the build).
 * Immutable: each {@code with} step returns a new command.
 *
 * @param argv the program and its arguments, never through a shell
 * @param dir working directory; empty for the test's own
 * @param env variables added to the test's environment
 * @param unset variables removed from it (for example {@code GIT_DIR}, which would redirect every git call)
 * @param stdin what the program reads
 * @param log a file that receives a copy of everything it prints (appended), if any
 * @param talks whether the test speaks to it over stdin/stdout itself (stdout is then not captured)
 * @param safety the watchdog's bound
 */
public record Command(List<String> argv, Optional<Path> dir, Map<String, String> env, Set<String> unset, Stdin stdin,
        Optional<Path> log, boolean talks, Duration safety) {

    /** Long enough for any test's slowest legitimate process; a watchdog, not a measurement. */
    public static final Duration SAFETY = Duration.ofMinutes(15);
    /** The wait of {@link #run()}. */
    public static final Duration RUN_BOUND = Duration.ofMinutes(2);

    public Command {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no program to run");
        }
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        unset = Set.copyOf(unset);
    }

    public static Command of(String... argv) {
        return of(List.of(argv));
    }

    public static Command of(List<String> argv) {
        return new Command(argv, Optional.empty(), Map.of(), Set.of(), Stdin.EMPTY, Optional.empty(), false, SAFETY);
    }

    /** The Java of this test run with {@code args} after it (a main class with -cp, or -jar). */
    public static Command java(String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        argv.addAll(List.of(args));
        return of(argv);
    }

    /** The same command with more arguments at the end. */
    public Command args(String... more) {
        List<String> all = new ArrayList<>(argv);
        all.addAll(List.of(more));
        return new Command(all, dir, env, unset, stdin, log, talks, safety);
    }

    public Command in(Path directory) {
        return new Command(argv, Optional.of(directory), env, unset, stdin, log, talks, safety);
    }

    public Command env(String name, String value) {
        return env(Map.of(name, value));
    }

    public Command env(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.putAll(more);
        Set<String> stillUnset = new HashSet<>(unset);
        stillUnset.removeAll(more.keySet());
        return new Command(argv, dir, all, stillUnset, stdin, log, talks, safety);
    }

    public Command without(String... names) {
        Set<String> all = new HashSet<>(unset);
        all.addAll(List.of(names));
        Map<String, String> kept = new LinkedHashMap<>(env);
        kept.keySet().removeAll(all);
        return new Command(argv, dir, kept, all, stdin, log, talks, safety);
    }

    /** It reads these bytes, then end of input. */
    public Command stdin(byte[] bytes) {
        return new Command(argv, dir, env, unset, Stdin.of(bytes), log, talks, safety);
    }

    public Command stdin(String text) {
        return stdin(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Its standard input stays open for {@link RunningCommand#type}. */
    public Command typing() {
        return new Command(argv, dir, env, unset, Stdin.OPEN, log, talks, safety);
    }

    /** The test speaks to it through {@link RunningCommand#input()} and {@link RunningCommand#output()}. */
    public Command talking() {
        return new Command(argv, dir, env, unset, Stdin.OPEN, log, true, safety);
    }

    /** Everything it prints is also appended to {@code file}, which outlives the process (and a killed test). */
    public Command log(Path file) {
        return new Command(argv, dir, env, unset, stdin, Optional.of(file), talks, safety);
    }

    public Command safety(Duration bound) {
        return new Command(argv, dir, env, unset, stdin, log, talks, bound);
    }

    public RunningCommand start() throws IOException {
        return RunningCommand.start(this);
    }

    /** Runs it to its end within {@link #RUN_BOUND}; fails, showing what it printed, if it takes longer. */
    public Finished run() throws IOException {
        return run(RUN_BOUND);
    }

    public Finished run(Duration bound) throws IOException {
        try (RunningCommand running = start()) {
            return running.finish(bound);
        }
    }

    /** As the test's log shows it. */
    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
