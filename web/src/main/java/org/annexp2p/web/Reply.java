package org.annexp2p.web;

/** An endpoint's answer: a status and a value Jackson writes as JSON (records, maps, lists, text, numbers). */
public record Reply(int status, Object json) {

    public static Reply ok(Object json) {
        return new Reply(200, json);
    }

    /** An action accepted whose outcome arrives later, through the events. */
    public static Reply accepted(Object json) {
        return new Reply(202, json);
    }
}
