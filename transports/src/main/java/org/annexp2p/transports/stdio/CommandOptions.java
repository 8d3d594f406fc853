package org.annexp2p.transports.stdio;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How {@link CommandConnection} runs a command.
 *
 * @param directory working directory, or empty for ours
 * @param environment variables added to (or replacing) our environment
 * @param stderrLines receives each line the command writes to standard error; empty forwards its
 *     standard error straight to ours
 * @param closeGrace how long {@link CommandConnection#close()} waits for the command to exit by itself after
 *     its standard input is closed, before destroying it
 */
public record CommandOptions(
        Optional<Path> directory,
        Map<String, String> environment,
        Optional<Consumer<String>> stderrLines,
        Duration closeGrace) {

    public CommandOptions {
        Objects.requireNonNull(directory, "directory");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(stderrLines, "stderrLines");
        Objects.requireNonNull(closeGrace, "closeGrace");
        if (closeGrace.isNegative()) {
            throw new IllegalArgumentException("closeGrace must not be negative: " + closeGrace);
        }
    }

    /** Our directory and environment, standard error forwarded to ours, 5 s grace on close. */
    public static CommandOptions defaults() {
        return new CommandOptions(Optional.empty(), Map.of(), Optional.empty(), Duration.ofSeconds(5));
    }

    public CommandOptions withDirectory(Path dir) {
        return new CommandOptions(Optional.of(dir), environment, stderrLines, closeGrace);
    }

    public CommandOptions withEnvironment(Map<String, String> env) {
        return new CommandOptions(directory, env, stderrLines, closeGrace);
    }

    public CommandOptions withStderrLines(Consumer<String> consumer) {
        return new CommandOptions(directory, environment, Optional.of(consumer), closeGrace);
    }

    public CommandOptions withCloseGrace(Duration grace) {
        return new CommandOptions(directory, environment, stderrLines, grace);
    }
}
