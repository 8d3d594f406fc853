package org.annexp2p.protocol.program;

import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.message.ParseError;

/** What reading one line gave: a message, or a line that did not parse (which servers answer, not die of). */
public sealed interface Received {
    record Parsed(Message message) implements Received {}

    record Unparseable(ParseError error) implements Received {}
}
