package org.annexp2p.pairing.discovery;

import java.util.Map;

/**
 * What discovery saw so far: accepted announcements from others, our own announcements heard back (proof that
 * multicast/broadcast loops back on this host), harmless duplicates of accepted ones (same announcement via
 * another socket or target), refusals by reason, and send failures per channel.
 */
public record DiscoveryStats(int accepted, int ownHeard, int duplicates, Map<Refusal, Integer> refused, Map<String, String> sendFailures) {

    public DiscoveryStats {
        refused = Map.copyOf(refused);
        sendFailures = Map.copyOf(sendFailures);
    }

    public int refusedTotal() {
        return refused.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One line for "why did discovery find nothing?". */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(accepted).append(" announcements accepted, ").append(ownHeard).append(" of our own heard back");
        refused.forEach((reason, count) -> s.append(", ").append(count).append(" refused: ").append(reason.explanation()));
        sendFailures.forEach((channel, why) -> s.append(", send failed on ").append(channel).append(": ").append(why));
        return s.toString();
    }
}
