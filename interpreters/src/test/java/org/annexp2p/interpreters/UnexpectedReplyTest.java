package org.annexp2p.interpreters;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.junit.jupiter.api.Test;

/** What a client tells its user when the peer answers out of turn: the protocol's words, not Java's. */
class UnexpectedReplyTest {
    private static final Key KEY = LocalInstructions.KEY;

    @Test
    void anOutOfTurnReplyIsNamedByItsCommandWord() {
        ScriptedNet net = new ScriptedNet().reply(new Message.AlreadyHave());
        assertThat(new Unauthenticated(net).run(Client.checkPresent(KEY)).orThrow())
                .isEqualTo(Either.left("expected SUCCESS or FAILURE from the peer, got ALREADY-HAVE"));
        assertThat(net.performed).last().isEqualTo(new org.annexp2p.protocol.program.Net.SendMessage(
                new Message.Error("expected SUCCESS or FAILURE")));
    }

    @Test
    void anOutOfTurnAuthIsNamedWithoutItsToken() {
        AuthToken token = AuthToken.parse("0123456789abcdef0123456789abcdef").get();
        ScriptedNet net = new ScriptedNet().reply(new Message.Auth(new Uuid("peer"), token));
        Either<String, Boolean> answer = new Unauthenticated(net).run(Client.checkPresent(KEY)).orThrow();
        assertThat(answer).isEqualTo(Either.left("expected SUCCESS or FAILURE from the peer, got AUTH"));
    }

    @Test
    void thePeersOwnErrorIsTheReason() {
        ScriptedNet net = new ScriptedNet().reply(new Message.Error("this repository is read-only; write access denied"));
        assertThat(new Unauthenticated(net).run(Client.remove(KEY)).orThrow())
                .isEqualTo(Either.left("this repository is read-only; write access denied"));
    }
}
