package org.annexp2p.cli.crash;

import java.util.ArrayList;
import java.util.List;

/** What a crash run measured, printed at its end so that CI logs show how much resuming was exercised. */
final class Tally {
    int kills;
    int roundsResumed;
    final List<Long> resumeOffsets = new ArrayList<>();
    long bytesNotResent;
    long bytesSent;
    int keys;
    int killsAfterCompletion;
    int logsRepairedByFsck;
    int unloggedObjectsLoggedByGet;

    void resumed(long offset) {
        roundsResumed++;
        resumeOffsets.add(offset);
        bytesNotResent += offset;
    }

    String summary(String what, long seed) {
        return String.format("%s (seed %d): %d kills over %d keys; %d rounds resumed at offsets %s; %d payload bytes"
                + " not re-sent, %d sent; %d kills landed after the transfer had completed; %d kills left an"
                + " object unlogged, repaired by git annex fsck (server) or by the next get without a transfer (%d)",
                what, seed, kills, keys, roundsResumed, resumeOffsets, bytesNotResent, bytesSent, killsAfterCompletion,
                logsRepairedByFsck + unloggedObjectsLoggedByGet, unloggedObjectsLoggedByGet);
    }
}
