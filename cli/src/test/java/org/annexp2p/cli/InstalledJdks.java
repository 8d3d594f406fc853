package org.annexp2p.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The JDKs installed where Debian and Temurin's packages put them, told apart by their release file's version. */
final class InstalledJdks {
    static final Path ROOT = Path.of("/usr/lib/jvm");
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private InstalledJdks() {}

    static Optional<Path> javaOfFeatureAtLeast(int feature) {
        return java(f -> f >= feature);
    }

    static Optional<Path> javaOfFeatureBelow(int feature) {
        return java(f -> f < feature);
    }

    private static Optional<Path> java(IntPredicate feature) {
        if (!Files.isDirectory(ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(ROOT)) {
            return homes.sorted(Comparator.naturalOrder())
                    .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> feature(home).stream().anyMatch(feature::test))
                    .map(home -> home.resolve("bin/java"))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Integer> feature(Path home) {
        try {
            Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException noReleaseFile) {
            return Optional.empty();
        }
    }
}
