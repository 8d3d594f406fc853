package org.annexp2p.tor.testing;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The tor processes this JVM started, to prove none leaked. */
public final class TorProcesses {

    private TorProcesses() {
    }

    /** Live tor descendants of this JVM, apart from {@code except} and the shared private network's tors. */
    public static List<ProcessHandle> torChildren(Set<Long> except) {
        Set<Long> network = org.annexp2p.tor.privnet.PrivateTorNetwork.runningNetworkPids();
        return ProcessHandle.current().descendants()
                .filter(p -> !network.contains(p.pid()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/tor")).orElse(false))
                .filter(p -> !except.contains(p.pid()))
                .collect(Collectors.toList());
    }

    public static Set<Long> pids(List<ProcessHandle> handles) {
        return handles.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
