package org.annexp2p.interpreters;

import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.protocol.wire.Validity;

/** One instance of every kind of Local instruction (a test checks that "every" stays true as kinds are added). */
final class LocalInstructions {
    private LocalInstructions() {}

    static final Key KEY = Key.parse("SHA256E-s3--ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.txt").get();

    static Payload payload() {
        return new Payload() {
            @Override
            public Len length() {
                return Len.of(3);
            }

            @Override
            public InputStream stream() {
                return new ByteArrayInputStream("abc".getBytes());
            }
        };
    }

    static List<Local<?>> everyKind() {
        Destination store = new Destination.ObjectStore(KEY);
        return List.of(
                new Local.ClaimTransfer(KEY),
                new Local.DestinationSize(store),
                new Local.ContentSize(KEY),
                new Local.ReadContent(KEY, AssociatedFile.NONE, Offset.ZERO),
                new Local.CheckUnchanged(payload()),
                new Local.WriteContent(store, AssociatedFile.NONE, Offset.ZERO, Len.of(3), payload()),
                new Local.FinishContent(store, Option.some(Validity.VALID)),
                new Local.SetPresent(KEY, new Uuid("u")),
                new Local.CheckContentPresent(KEY),
                new Local.RemoveContent(KEY, Option.some(MonotonicTimestamp.of(5))),
                new Local.LockContent(KEY),
                new Local.UnlockContent(KEY),
                new Local.WaitRefChange(),
                new Local.LocalTime());
    }

    static Arbitrary<Local<?>> anyKind() {
        return Arbitraries.of(everyKind());
    }
}
