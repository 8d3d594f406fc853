package org.annexp2p.repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.annexp2p.repository.locationlog.BranchJournal;

/** Committed files of the local git-annex branch, read through the repository's one {@link GitCatFile}. */
final class GitAnnexBranch implements BranchJournal.BranchFiles {
    private final GitCatFile git;

    GitAnnexBranch(GitCatFile git) {
        this.git = git;
    }

    @Override
    public String read(String branchPath) throws IOException {
        // Paths go to git as bytes: each char of branchPath is one byte.
        return git.blob("refs/heads/git-annex:" + branchPath)
                .map(content -> new String(content, StandardCharsets.ISO_8859_1)).getOrElse("");
    }
}
