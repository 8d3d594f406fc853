package org.annexp2p.tor;

/** Which tor to use. */
public enum TorPolicy {
    /** Start and own a private tor from PATH. */
    LAUNCH,
    /** Use a running tor through its control port; fail if none answers. */
    ATTACH,
    /** Attach if a tor answers (explicit, environment, then the usual places), else launch. */
    AUTO
}
