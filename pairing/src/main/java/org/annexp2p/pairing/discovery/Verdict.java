package org.annexp2p.pairing.discovery;

import java.util.Objects;

/** The outcome of reading one datagram: an authentic, fresh announcement, or a refusal with its reason. */
public sealed interface Verdict {

    record Accepted(Announcement announcement) implements Verdict {
        public Accepted {
            Objects.requireNonNull(announcement, "announcement");
        }
    }

    record Refused(Refusal reason, String detail) implements Verdict {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        /** One line for logs: the reason, then the detail. */
        public String describe() {
            return reason.explanation() + ": " + detail;
        }
    }
}
