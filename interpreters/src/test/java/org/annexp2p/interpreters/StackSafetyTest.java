package org.annexp2p.interpreters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Program;
import org.junit.jupiter.api.Test;

/** Long transfers are millions of steps: running them must never grow the Java stack. */
class StackSafetyTest {
    static final long BINDS = 10_000_000L;
    static final long STACK = 256 * 1024;

    @Test
    void tenMillionLeftNestedBindsRunIn256KiBOfStack() throws Exception {
        Outcome<Long> out = inSmallStack(() -> {
            Program<Long> p = Program.pure(0L);
            for (long i = 0; i < BINDS; i++) {
                p = p.flatMap(n -> Program.pure(n + 1));
            }
            return new Unauthenticated(new ScriptedNet()).run(p);
        });
        assertThat(out.orThrow()).isEqualTo(BINDS);
    }

    @Test
    void tenMillionStepLoopOfInstructionsRunsIn256KiBOfStack() throws Exception {
        ScriptedNet net = new ScriptedNet();
        Outcome<Long> out = inSmallStack(() -> new Full(net, null).run(countDown(BINDS, 0)));
        assertThat(out.orThrow()).isEqualTo(BINDS);
        assertThat(net.versionReads).isEqualTo(BINDS);
    }

    /** A loop written the natural recursive way; each round performs one real instruction. */
    private static Program<Long> countDown(long left, long acc) {
        if (left == 0) {
            return Program.pure(acc);
        }
        return new Net.GetProtocolVersion().flatMap(v -> countDown(left - 1, acc + 1));
    }

    private static <T> T inSmallStack(java.util.concurrent.Callable<T> body) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(body.call());
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", STACK);
        t.start();
        t.join();
        if (result.get() instanceof Throwable e) {
            throw new AssertionError("failed in a 256 KiB stack", e);
        }
        @SuppressWarnings("unchecked")
        T r = (T) result.get();
        return r;
    }
}
