package org.annexp2p.cli.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.testkit.content.AnnexedContent;

/**
 * What a repository must look like whenever a transfer into it was killed: the object store holds only complete,
 * correct objects at the paths git-annex itself computes; a partial copy lives only in {@code annex/tmp/KEY} and is
 * a prefix of the content; journal (location log) files hold only whole, well-formed lines; the location log never
 * claims content that is absent. Checked by reading the files directly and by asking git-annex.
 */
final class StoreAudit {
    /** A location log line as git-annex writes it: "1700000000.123456789s 1 UUID". */
    private static final Pattern LOG_LINE = Pattern.compile("\\d+(\\.\\d+)?s [0-9] \\S+");

    /** The state of one key after a kill. */
    record State(boolean present, long partial, boolean logged) {}

    private final Path repo;
    private final Path annex;
    private final String uuid;
    private final Map<String, AnnexedContent> contents = new HashMap<>();
    private final Map<String, Path> objectPaths = new HashMap<>();

    StoreAudit(Path repo) throws IOException {
        this.repo = repo;
        this.annex = repo.resolve(".git/annex");
        this.uuid = GitAnnex.uuid(repo);
    }

    /** Adds a key this test will store; only these keys' objects may appear. */
    void expect(AnnexedContent c) throws IOException {
        contents.put(c.keyText(), c);
        // Where git-annex looks for the object, so a misplaced object counts as wrong, not as present.
        String rel = GitAnnex.run(repo, Map.of(), "git", "annex", "examinekey",
                "--format=${hashdirmixed}${key}/${key}", c.keyText()).ok().out().trim();
        objectPaths.put(c.keyText(), annex.resolve("objects").resolve(rel));
    }

    /** Checks the whole store, journal and tmp area, then the location log of {@code focus}; returns its state. */
    State check(AnnexedContent focus) throws IOException {
        checkObjects();
        checkJournal();
        for (AnnexedContent c : contents.values()) {
            checkPartial(c);
        }
        boolean present = Files.isRegularFile(objectPaths.get(focus.keyText()));
        GitAnnex.Result whereis = GitAnnex.run(repo, Map.of(), "git", "annex", "whereis", "--key", focus.keyText());
        assertThat(whereis.err()).as("git-annex reads the location log without complaint").doesNotContain("git-annex:");
        boolean logged = whereis.out().contains(uuid);
        assertThat(present || !logged).as("the location log claims %s, which is absent:%n%s", focus.keyText(), whereis.out())
                .isTrue();
        if (present && logged) {
            // git-annex re-hashes the object itself and finds nothing to repair.
            GitAnnex.Result fsck = GitAnnex.run(repo, Map.of(), "git", "annex", "fsck", "--key", focus.keyText()).ok();
            assertThat(fsck.out()).contains("ok").doesNotContain("fixing");
        }
        // Present but unlogged is left alone here: it is the window between the move and the log write (git-annex
        // has it too); callers check that it gets repaired.
        return new State(present, partialSize(focus), logged);
    }

    /** git annex fsck on an object the log misses: it must re-hash it as good and log it. */
    void fsckRepairsLog(AnnexedContent c) throws IOException {
        GitAnnex.Result fsck = GitAnnex.run(repo, Map.of(), "git", "annex", "fsck", "--key", c.keyText()).ok();
        assertThat(fsck.out()).contains("fixing location log").contains("ok");
        assertThat(check(c).logged()).isTrue();
    }

    long partialSize(AnnexedContent c) throws IOException {
        Path tmp = tmpPath(c);
        return Files.isRegularFile(tmp) ? Files.size(tmp) : 0;
    }

    Path tmpPath(AnnexedContent c) {
        return annex.resolve("tmp").resolve(c.keyText());
    }

    boolean present(AnnexedContent c) {
        return Files.isRegularFile(objectPaths.get(c.keyText()));
    }

    /** Every file in the object store is a whole, correct object where git-annex expects it. */
    void checkObjects() throws IOException {
        Path objects = annex.resolve("objects");
        if (!Files.isDirectory(objects)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(objects)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".lck")).toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            AnnexedContent c = contents.get(name);
            assertThat(c).as("%s is an object of a key this test stored", f).isNotNull();
            assertThat(f).as("where git-annex looks for %s", name).isEqualTo(objectPaths.get(name));
            byte[] held = Files.readAllBytes(f);
            assertThat(held.length).as("size of the object %s", name).isEqualTo(c.size());
            assertThat(AnnexedContent.sha256(held)).as("hash of the object %s", name).isEqualTo(c.hash());
        }
    }

    /** A partial copy is a prefix of the content: resuming after it must give the right object. */
    private void checkPartial(AnnexedContent c) throws IOException {
        Path tmp = tmpPath(c);
        if (!Files.isRegularFile(tmp)) {
            return;
        }
        byte[] held = Files.readAllBytes(tmp);
        assertThat(held.length).as("partial copy of %s", c.keyText()).isLessThanOrEqualTo(c.size());
        assertThat(Arrays.equals(held, 0, held.length, c.bytes(), 0, held.length))
                .as("the %d bytes of the partial copy of %s are the content's first bytes", held.length, c.keyText()).isTrue();
    }

    /** Journal files are replaced whole (write elsewhere, rename): never a torn line. */
    private void checkJournal() throws IOException {
        Path journal = annex.resolve("journal");
        if (!Files.isDirectory(journal)) {
            return;
        }
        try (Stream<Path> files = Files.list(journal)) {
            // Only location logs of this test's keys: git-annex journals other branch files in its own formats.
            for (Path f : files.filter(p -> p.getFileName().toString().contains("SHA256E-")).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                assertThat(text).as("journal file %s", f.getFileName()).endsWith("\n");
                for (String line : text.split("\n")) {
                    assertThat(line).as("a line of journal file %s", f.getFileName()).matches(LOG_LINE);
                }
            }
        }
    }
}
