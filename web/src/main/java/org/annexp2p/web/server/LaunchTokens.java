package org.annexp2p.web.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One-time launch tokens: what a browser started by {@code annex-p2p ui} is handed on its command line instead of
 * the access token. Each works once, within {@link #LIFETIME}; spending it is what sets the access cookie.
 */
final class LaunchTokens {
    static final Duration LIFETIME = Duration.ofMinutes(2);
    /** Enough for a person pressing "open" a few times; old ones go first. */
    private static final int KEPT = 8;

    private record Launch(String token, Instant until) {
    }

    private final Clock clock;
    private final List<Launch> open = new ArrayList<>();

    LaunchTokens(Clock clock) {
        this.clock = clock;
    }

    synchronized String issue() {
        if (open.size() == KEPT) {
            open.remove(0);
        }
        String token = Secrets.fresh();
        open.add(new Launch(token, clock.instant().plus(LIFETIME)));
        return token;
    }

    /** True once for a token issued and not yet spent or expired; every token is compared, in constant time. */
    synchronized boolean spend(String given) {
        Instant now = clock.instant();
        Launch found = null;
        for (Launch launch : open) {
            if (Secrets.same(launch.token(), given) && now.isBefore(launch.until())) {
                found = launch;
            }
        }
        open.removeIf(launch -> !now.isBefore(launch.until()));
        if (found == null) {
            return false;
        }
        open.remove(found);
        return true;
    }
}
