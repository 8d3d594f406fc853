package org.annexp2p.interpreters.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.message.MessageCodec;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;

/**
 * What the server must answer before authentication, worked out from the bytes alone — git-annex's rules,
 * independent of the interpreters: each complete line gets exactly one reply (AUTH-SUCCESS for the right
 * non-empty token, AUTH-FAILURE for any other AUTH, {@code ERROR unknown command} for what does not parse,
 * {@code ERROR unexpected command} for any other message); a client ERROR, a line of 32768 bytes or more, or
 * the end of the input ends the conversation.
 */
record AuthPhase(byte[] replies, boolean authenticated) {

    static AuthPhase expected(byte[] sent, AuthToken right, Uuid server) {
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        int pos = 0;
        while (true) {
            int newline = -1;
            for (int i = pos; i < Math.min(sent.length, pos + MessageCodec.MAX_LINE_BYTES); i++) {
                if (sent[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            if (newline < 0) {
                return new AuthPhase(replies.toByteArray(), false);
            }
            byte[] line = java.util.Arrays.copyOfRange(sent, pos, newline);
            pos = newline + 1;
            var parsed = MessageCodec.decode(line);
            Message reply;
            if (parsed.isLeft()) {
                reply = new Message.Error("unknown command");
            } else if (parsed.get() instanceof Message.Error) {
                return new AuthPhase(replies.toByteArray(), false);
            } else if (parsed.get() instanceof Message.Auth a) {
                if (!a.token().isEmpty() && a.token().reveal().equals(right.reveal())) {
                    replies.writeBytes(MessageCodec.encode(new Message.AuthSuccess(server)));
                    return new AuthPhase(replies.toByteArray(), true);
                }
                reply = new Message.AuthFailure();
            } else {
                reply = new Message.Error("unexpected command");
            }
            replies.writeBytes(MessageCodec.encode(reply));
        }
    }

    /**
     * Splits what an authenticated server said into messages, skipping the payload after each DATA; fails on
     * anything that is not a whole, parseable message — a server must never put a broken line on the wire.
     */
    static List<Message> messages(byte[] said, int from) {
        List<Message> out = new ArrayList<>();
        int pos = from;
        while (pos < said.length) {
            int newline = pos;
            while (newline < said.length && said[newline] != '\n') {
                newline++;
            }
            if (newline == said.length) {
                throw new AssertionError("the server's output ends in a partial line at byte " + pos);
            }
            var parsed = MessageCodec.decode(java.util.Arrays.copyOfRange(said, pos, newline));
            if (parsed.isLeft()) {
                throw new AssertionError("the server sent an unparseable line: " + parsed.getLeft().describe());
            }
            out.add(parsed.get());
            pos = newline + 1;
            if (parsed.get() instanceof Message.Data d) {
                if (said.length - pos < d.length().value()) {
                    throw new AssertionError("the server announced DATA " + d.length().value() + " but sent less");
                }
                pos += (int) d.length().value();
            }
        }
        return out;
    }
}
