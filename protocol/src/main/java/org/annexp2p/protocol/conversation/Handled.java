package org.annexp2p.protocol.conversation;

/** What a server handler made of one message: keep serving, stop, or answer "unexpected command". */
enum Handled {
    CONTINUE,
    STOP,
    UNEXPECTED
}
