package org.annexp2p.cli;

import org.annexp2p.tor.OnionServing;
import org.annexp2p.tor.Reachability;
import org.annexp2p.tor.TorEventLine;
import org.annexp2p.tor.TorException;
import org.annexp2p.tor.control.TorEvent;

/** What {@code serve --tor} says about its onion on stderr: tor's restarts always, its other events with --debug. */
final class OnionNotices implements OnionServing.Watcher {
    private final boolean verbose;

    OnionNotices(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public void event(TorEvent e) {
        if (e instanceof TorEvent.Restarting || e instanceof TorEvent.Recovered || e instanceof TorEvent.GaveUp) {
            TorEventLine.of(e).ifPresent(line -> System.err.println("annex-p2p: " + line));
        } else if (verbose) {
            TorEventLine.of(e).ifPresent(line -> System.err.println("tor: " + line));
        }
    }

    @Override
    public void reachable(Reachability r, boolean again) {
        System.err.println("onion reachable through Tor" + (again ? " again: " : ": ") + r);
    }

    @Override
    public void notConfirmed(TorException why, boolean again) {
        System.err.println("annex-p2p: onion not confirmed reachable" + (again ? " again: " : ": ") + Main.oneLine(why));
    }
}
