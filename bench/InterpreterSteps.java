import java.io.IOException;
import org.annexp2p.interpreters.Unauthenticated;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.program.Received;
import org.annexp2p.protocol.program.Unit;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.ProtocolVersion;

/**
 * Interpreter overhead, side by side in one JVM: a protocol program that performs N instructions through the
 * free-monad machine, against a plain Java loop calling the same handler N times. Also N left-nested binds in a
 * thread with a 256 KiB stack. Prints steps per second and the ratio; best of 5 after a warm-up.
 */
public final class InterpreterSteps {
    static long N = Long.getLong("steps", 10_000_000L);

    /** 0: a bare step; otherwise each step checksums a chunk of this many bytes, as a transfer step moves one. */
    static int chunk;
    static final byte[] DATA = new byte[64 * 1024];

    /** Answers the one instruction the loop performs; the volatile count keeps the JIT from dropping the work. */
    static final class VersionNet implements Net.Handler {
        volatile long calls;
        final java.util.zip.CRC32 crc = new java.util.zip.CRC32();

        @Override
        public ProtocolVersion getProtocolVersion(Net.GetProtocolVersion i) {
            calls++;
            if (chunk > 0) {
                crc.update(DATA, 0, chunk);
            }
            return ProtocolVersion.V1;
        }

        @Override public Unit sendMessage(Net.SendMessage i) throws IOException { throw new IOException("unused"); }
        @Override public Received receiveMessage(Net.ReceiveMessage i) throws IOException { throw new IOException("unused"); }
        @Override public Unit sendBytes(Net.SendBytes i) throws IOException { throw new IOException("unused"); }
        @Override public Payload receiveBytes(Net.ReceiveBytes i) throws IOException { throw new IOException("unused"); }
        @Override public Boolean checkAuthToken(Net.CheckAuthToken i) throws IOException { throw new IOException("unused"); }
        @Override public ExitCode relayService(Net.RelayService i) throws IOException { throw new IOException("unused"); }
        @Override public ExitCode relay(Net.Relay i) throws IOException { throw new IOException("unused"); }
        @Override public Unit setProtocolVersion(Net.SetProtocolVersion i) throws IOException { throw new IOException("unused"); }
        @Override public MonotonicTimestamp getMonotonicTimestamp(Net.GetMonotonicTimestamp i) throws IOException { throw new IOException("unused"); }
    }

    /** The natural recursive loop: each round is one instruction and one bind. */
    static Program<Long> loop(long left, long acc) {
        if (left == 0) {
            return Program.pure(acc);
        }
        return new Net.GetProtocolVersion().flatMap(v -> loop(left - 1, acc + v.value()));
    }

    static long interpreted() {
        VersionNet net = new VersionNet();
        long sum = new Unauthenticated(net).run(loop(N, 0)).orThrow();
        check(sum == N && net.calls == N, "interpreted sum " + sum);
        return sum;
    }

    /** Where the plain loop's handler escapes to, so escape analysis cannot dissolve it and its counter. */
    static volatile Net.Handler escaped;

    static long plain() throws IOException {
        VersionNet net = new VersionNet();
        escaped = net;
        Net.GetProtocolVersion instruction = new Net.GetProtocolVersion();
        long sum = 0;
        for (long i = 0; i < N; i++) {
            sum += net.getProtocolVersion(instruction).value();
        }
        check(sum == N && net.calls == N, "plain sum " + sum);
        return sum;
    }

    static long nestedBinds() throws Exception {
        long[] result = new long[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                Program<Long> p = Program.pure(0L);
                for (long i = 0; i < N; i++) {
                    p = p.flatMap(x -> Program.pure(x + 1));
                }
                result[0] = new Unauthenticated(new VersionNet()).run(p).orThrow();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        if (failure[0] != null) {
            throw new IllegalStateException("left-nested binds failed in 256 KiB of stack", failure[0]);
        }
        check(result[0] == N, "binds " + result[0]);
        return result[0];
    }

    interface Body {
        long run() throws Exception;
    }

    static double bestSeconds(Body body) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            body.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("wrong result: " + what);
        }
    }

    public static void main(String[] args) throws Exception {
        long steps = N;
        for (int size : new int[] {0, DATA.length}) {
            chunk = size;
            N = size == 0 ? steps : steps / 100;
            interpreted();
            plain();
            double machine = bestSeconds(InterpreterSteps::interpreted);
            double loop = bestSeconds(InterpreterSteps::plain);
            System.out.printf("interpreter, %,d steps %s: program %,.0f steps/s, plain loop %,.0f steps/s: %.2fx of plain "
                    + "(%.1f ns overhead a step)%n", N, size == 0 ? "doing nothing else" : "each checksumming 64 KiB",
                    N / machine, N / loop, loop / machine, (machine - loop) / N * 1e9);
        }
        N = steps;
        System.out.printf("interpreter: %,d left-nested binds in a 256 KiB stack: %.2f s%n", N, bestSeconds(InterpreterSteps::nestedBinds));
    }
}
