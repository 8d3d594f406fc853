package org.annexp2p.wormhole;

import java.util.Optional;
import org.annexp2p.wormhole.code.Code;
import org.annexp2p.wormhole.mailbox.MailboxClient;

/**
 * A wormhole whose code exists and whose nameplate is claimed, before the peer is known to be there: what the
 * side showing a code holds between showing it and the key exchange.
 */
final class Rendezvous {

    private final MailboxClient mailbox;
    private final Code code;
    private final WormholeOptions options;

    private Rendezvous(MailboxClient mailbox, Code code, WormholeOptions options) {
        this.mailbox = mailbox;
        this.code = code;
        this.options = options;
    }

    /** Connects, takes the given code or allocates a nameplate for a new one, and claims the nameplate. */
    static Rendezvous begin(WormholeOptions options, Optional<Code> given) throws WormholeException {
        MailboxClient mailbox = MailboxClient.connect(options.relayUrl(), options.appId(), MailboxClient.newSide(),
                options.serverTimeout());
        try {
            Code code = given.isPresent() ? given.get() : Code.generate(mailbox.allocate(), options.codeLength());
            mailbox.open(mailbox.claim(code.nameplate()));
            return new Rendezvous(mailbox, code, options);
        } catch (WormholeException | RuntimeException e) {
            mailbox.closeMailbox("errory");
            throw e;
        }
    }

    Code code() {
        return code;
    }

    /** Waits for the peer and confirms the key; the mailbox is closed if that fails. */
    Session complete() throws WormholeException {
        return Session.confirm(mailbox, code, options);
    }

    /** Gives up: releases the nameplate and closes the mailbox with {@code mood}. */
    void abandon(String mood) {
        mailbox.closeMailbox(mood);
    }
}
