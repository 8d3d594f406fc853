package org.annexp2p.http.server;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.annexp2p.http.wire.Refusal;
import org.annexp2p.http.wire.Reply;
import org.annexp2p.http.wire.UnlockRequest;
import org.annexp2p.protocol.wire.ProtocolVersion;

/**
 * keeplocked: a long poll whose request body streams {@code {"unlock":false}} lines while the client wants the
 * lock, and {@code {"unlock":true}} (or the body's end) when it is done. A line that is not such a request gets
 * 400 and unlocks; a dropped connection leaves the lock to the time rule of {@link HeldLocks}.
 */
final class KeepLocked {
    private KeepLocked() {}

    static void serve(HeldLocks locks, String id, InputStream body, Responder out, ProtocolVersion version) {
        String unlocked = new Reply.Locked(false, Option.none()).encode(version);
        if (!locks.keep(id)) {
            out.json(unlocked);
            return;
        }
        try {
            while (true) {
                Option<String> line = readLine(body);
                if (line.isEmpty()) {
                    break;
                }
                if (line.get().isBlank()) {
                    continue;
                }
                Either<String, Boolean> unlock = UnlockRequest.parse(line.get().trim());
                if (unlock.isLeft()) {
                    locks.release(id);
                    out.refuse(Refusal.badRequest(unlock.getLeft()));
                    return;
                }
                if (unlock.get()) {
                    break;
                }
            }
        } catch (IOException e) {
            locks.stopKeeping(id);
            return;
        }
        locks.release(id);
        out.json(unlocked);
    }

    /** One line, at most a little over {@link UnlockRequest#MAX_LINE} bytes (a longer one fails to parse); none at the end. */
    private static Option<String> readLine(InputStream body) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = body.read()) >= 0 && b != '\n') {
            if (line.size() <= UnlockRequest.MAX_LINE) {
                line.write(b);
            }
        }
        return b < 0 && line.size() == 0 ? Option.none() : Option.some(line.toString(StandardCharsets.UTF_8));
    }
}
