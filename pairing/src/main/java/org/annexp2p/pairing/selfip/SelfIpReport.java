package org.annexp2p.pairing.selfip;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The address we settled on (if any) and what each stage did: a stage that did not produce a confirmed
 * address says why, and the next stage ran.
 */
public record SelfIpReport(Optional<InetAddress> address, List<StageReport> stages) {

    public SelfIpReport {
        stages = List.copyOf(stages);
    }

    public enum Stage { OUTBOUND_ROUTE, INTERFACE_PROBE, DISCOVERY }

    /**
     * @param confirmed addresses this stage confirmed, best first
     * @param detail what happened, one line (why it fell through, or how it confirmed)
     */
    public record StageReport(Stage stage, boolean succeeded, List<InetAddress> confirmed, String detail) {
        public StageReport {
            confirmed = List.copyOf(confirmed);
        }
    }
}
