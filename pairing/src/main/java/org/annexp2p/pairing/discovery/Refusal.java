package org.annexp2p.pairing.discovery;

/** Why a datagram was not accepted as an announcement; shown in logs and by {@code doctor}. */
public enum Refusal {
    TOO_LARGE("larger than an announcement may be"),
    MALFORMED("not a well-formed announcement"),
    NOT_OURS("not an annex-p2p announcement"),
    UNSUPPORTED_VERSION("announcement from an unsupported protocol version"),
    BAD_MAC("MAC does not match (sent with a different secret, or forged)"),
    REPLAYED("nonce already seen (replayed)"),
    STALE("timestamp outside the accepted window (stale, or clocks disagree)");

    private final String explanation;

    Refusal(String explanation) {
        this.explanation = explanation;
    }

    public String explanation() {
        return explanation;
    }
}
