package org.annexp2p.protocol.conversation;

import io.vavr.control.Option;

/** What an authenticated peer may do, as git-annex-shell's GIT_ANNEX_SHELL_READONLY / _APPENDONLY decide. */
public enum ServerMode {
    READ_ONLY,
    APPEND_ONLY,
    READ_WRITE;

    static final String READ_ONLY_DENIED = "this repository is read-only; write access denied";
    static final String APPEND_ONLY_DENIED = "this repository is append-only; removal denied";

    /** The ERROR text refusing a PUT, if this mode refuses it. */
    Option<String> refusesWrite() {
        return this == READ_ONLY ? Option.some(READ_ONLY_DENIED) : Option.none();
    }

    /**
     * The ERROR text refusing {@code CONNECT git-receive-pack}, if this mode refuses it. Append-only refuses it
     * too: a push can delete or rewrite any ref, the git-annex branch included, so only a read-write server
     * relays it. git-annex answers both modes with the read-only text, and so do we.
     */
    Option<String> refusesGitPush() {
        return this == READ_WRITE ? Option.none() : Option.some(READ_ONLY_DENIED);
    }

    /** The ERROR text refusing a REMOVE, if this mode refuses it. */
    Option<String> refusesRemoval() {
        return switch (this) {
            case READ_ONLY -> Option.some(READ_ONLY_DENIED);
            case APPEND_ONLY -> Option.some(APPEND_ONLY_DENIED);
            case READ_WRITE -> Option.none();
        };
    }
}
