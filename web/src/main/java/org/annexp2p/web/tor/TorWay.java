package org.annexp2p.web.tor;

import java.nio.file.Path;
import org.annexp2p.tor.TorOptions;
import org.annexp2p.web.Refused;

/**
 * The page's choice of tor, in {@code --tor}'s terms: {@code running} attaches to a running tor (its control port
 * given, else {@code $ANNEX_P2P_TOR_CONTROL}, else the usual places), {@code private} launches one owned by the
 * page (no root), {@code auto} does what {@code enable-tor} does by default.
 */
final class TorWay {
    private TorWay() {
    }

    static TorOptions options(String way, String control, Path stateDir) throws Refused {
        String policy = switch (way) {
            case "running" -> "attach";
            case "private" -> "launch";
            case "auto" -> "auto";
            default -> throw new Refused(400, "choose a running tor or a private one");
        };
        String given = control == null || control.isBlank() ? null : control.strip();
        if (given != null && !policy.equals("attach")) {
            throw new Refused(400, "a control port goes with a running tor only");
        }
        try {
            return TorOptions.chosen(policy, given, null, null, stateDir);
        } catch (IllegalArgumentException e) {
            throw new Refused(400, e.getMessage());
        }
    }
}
