package org.annexp2p.interpreters.local;

import java.io.IOException;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The repository contract on a real (non-bare) git-annex repository. */
class AnnexRepositoryIT extends OnDiskRepositoryContract {
    private static Disk disk;

    @BeforeContainer
    static void createRepository() throws IOException {
        disk = Disk.create("annex-repository-it", "repo", false);
    }

    @AfterContainer
    static void deleteRepository() throws IOException {
        disk.delete();
    }

    @Override
    Disk disk() {
        return disk;
    }
}
