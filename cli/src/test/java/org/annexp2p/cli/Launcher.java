package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.annexp2p.cli.interop.AnnexP2p;

/** The checkout's bin/annex-p2p and what it runs, seen from outside as git-annex, a shell or systemd see it. */
final class Launcher {
    private Launcher() {}

    static Path path() {
        AnnexP2p.jar();
        Path launcher = Path.of("..", "bin", "annex-p2p").toAbsolutePath().normalize();
        assertThat(launcher).as("the checkout's launcher").isExecutable();
        return launcher;
    }

    /** Where the build leaves the class-data archives. */
    static Path archives() {
        return AnnexP2p.jar().resolveSibling("cds");
    }

    /**
     * Moves every file in {@link #archives()} into {@code aside} until closed, then moves them back (a rename keeps
     * their modification times, so they stay newer than the jar): the state of a checkout whose archives are not
     * made yet, as the launcher's first run of a command found it when it made them itself.
     */
    static AutoCloseable withoutArchives(Path aside) throws IOException {
        Files.createDirectories(aside);
        List<Path> moved = new ArrayList<>();
        if (!Files.isDirectory(archives())) {
            return () -> { };
        }
        try (Stream<Path> files = Files.list(archives())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                moved.add(Files.move(f, aside.resolve(f.getFileName().toString())));
            }
        }
        return () -> {
            for (Path f : moved) {
                Files.move(f, archives().resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        };
    }

    /** Files in {@link #archives()} whose names end in .tmp: what a recording run leaves when it is killed. */
    static List<Path> temporaryArchives() throws IOException {
        if (!Files.isDirectory(archives())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(archives())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    /** The command line of process {@code pid} (Linux /proc), its words joined by spaces; empty once it is gone. */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
        } catch (IOException gone) {
            return "";
        }
    }

    /** The files process {@code pid} has mapped into memory (Linux /proc): a class-data archive in use is one. */
    static String mappedFiles(long pid) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(pid), "maps"));
    }

    /** Processes running the packaged tool whose command line contains {@code word}, this one's children or not. */
    static List<ProcessHandle> toolProcessesWith(String word) {
        String jar = AnnexP2p.jar().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> {
                    String line = commandLine(p.pid());
                    return line.contains(jar) && line.contains(word);
                })
                .toList();
    }
}
