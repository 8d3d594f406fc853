package org.annexp2p.pairing;

import java.util.Objects;
import org.annexp2p.pairing.conversation.PairingResult;

/** How a LAN pairing run ended. Nothing is persisted by the run itself. */
public sealed interface PairingOutcome {

    record Paired(PairingResult result) implements PairingOutcome {
        public Paired {
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * @param reason what went wrong, one line
     * @param advice what the user can do instead (QR code, manual address), one line
     */
    record Failed(String reason, String advice) implements PairingOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(advice, "advice");
        }
    }
}
