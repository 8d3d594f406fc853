package org.annexp2p.repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.annexp2p.repository.locationlog.BranchJournal;

/** Committed files of the local git-annex branch, read with {@code git cat-file --batch} (paths go in as bytes). */
final class GitAnnexBranch implements BranchJournal.BranchFiles {
    private final GitProcess git;

    GitAnnexBranch(GitProcess git) {
        this.git = git;
    }

    @Override
    public String read(String branchPath) throws IOException {
        byte[] request = ("refs/heads/git-annex:" + branchPath + "\n").getBytes(StandardCharsets.ISO_8859_1);
        GitProcess.Result r = git.run(request, "cat-file", "--batch");
        String out = r.out();
        int nl = out.indexOf('\n');
        if (r.exitCode() != 0 || nl < 0) {
            throw new IOException("git cat-file failed reading the git-annex branch: " + r.stderr());
        }
        String header = out.substring(0, nl);
        if (header.endsWith(" missing")) {
            return "";
        }
        String[] parts = header.split(" ");
        if (parts.length != 3 || !parts[1].equals("blob")) {
            throw new IOException("unexpected answer from git cat-file: " + header);
        }
        int size = Integer.parseInt(parts[2]);
        if (out.length() < nl + 1 + size) {
            throw new IOException("git cat-file gave less than the " + size + " bytes it announced");
        }
        return out.substring(nl + 1, nl + 1 + size);
    }
}
