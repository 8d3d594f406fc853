package org.annexp2p.interpreters;

import io.vavr.control.Option;
import java.io.IOException;
import org.annexp2p.protocol.program.Instruction;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Machine;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Program;

/** The one loop every blocking interpreter shares: step the machine, perform, resume. Stack-safe. */
final class Runner {
    private Runner() {}

    /** Runs {@code program}; without a {@code local} handler every Local instruction ends the run, refused. */
    static <A> Outcome<A> run(Program<A> program, Net.Handler net, Option<Local.Handler> local) {
        Machine<A> machine = new Machine<>(program);
        try {
            while (true) {
                Machine.Step<A> step = machine.next();
                if (step instanceof Machine.Step.Done<A> done) {
                    return new Outcome.Completed<>(done.value());
                }
                machine.resume(perform(((Machine.Step.Perform<A>) step).instruction(), net, local));
            }
        } catch (PeerClosedException e) {
            return new Outcome.PeerClosed<>();
        } catch (IOException e) {
            return new Outcome.Failed<>(FailureReason.of(e));
        }
    }

    /** Instruction is sealed: what is not Net is Local. */
    private static Object perform(Instruction<?> instruction, Net.Handler net, Option<Local.Handler> local)
            throws IOException {
        if (instruction instanceof Net<?> n) {
            return n.accept(net);
        }
        if (local.isEmpty()) {
            throw new IOException(Unauthenticated.REFUSAL);
        }
        return ((Local<?>) instruction).accept(local.get());
    }
}
