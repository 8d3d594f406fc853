package org.annexp2p.testkit.annex;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.annexp2p.testkit.annex.GitAnnexVersions.Release;
import org.annexp2p.testkit.repository.GitAnnexFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a parameterised interop test relies on: the {@code git annex} that git dispatches to, in a repository the
 * fixture made with a release's environment, is that release and not whichever git-annex comes first on the
 * test's own PATH.
 */
class GitAnnexVersionsIT {
    @TempDir
    Path tmp;

    @AfterEach
    void thaw() {
        GitAnnexFixture.thawAll(tmp);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void gitAnnexThroughGitIsTheReleaseInWorkTreeAndBareRepositories(Release release) throws Exception {
        for (boolean bare : new boolean[] {false, true}) {
            Path dir = GitAnnexFixture.newRepository(release.env(), tmp, bare ? "bare" : "worktree", bare);
            assertThat(GitAnnexFixture.ok(release.env(), dir, null, "git", "annex", "version", "--raw").strip())
                    .as("git annex in %s", dir).isEqualTo(release.version());
            assertThat(GitAnnexFixture.ok(release.env(), dir, null, "git", "config", "annex.version").strip())
                    .as("repository version git-annex %s initialised", release.version()).isEqualTo("10");
        }
    }
}
