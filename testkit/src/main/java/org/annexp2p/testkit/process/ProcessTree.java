package org.annexp2p.testkit.process;

import java.util.ArrayList;
import java.util.List;

/**
 * A process and those it started. Children are found through their parent; once it is gone they are re-parented
 * and cannot be, so every descendant seen while it lived is remembered and killed with it.
 */
final class ProcessTree {
    private final ProcessHandle root;
    private final List<ProcessHandle> seen = new ArrayList<>();

    ProcessTree(ProcessHandle root) {
        this.root = root;
    }

    synchronized void remember() {
        root.descendants().filter(h -> !seen.contains(h)).forEach(seen::add);
    }

    /** SIGTERM to the root alone: it decides how to stop its children. */
    void terminate() {
        remember();
        root.destroy();
    }

    /** SIGKILL to every process of the tree, descendants first so none is re-parented unseen. */
    synchronized void kill() {
        remember();
        seen.forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
    }
}
