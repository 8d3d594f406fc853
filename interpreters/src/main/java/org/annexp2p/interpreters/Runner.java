package org.annexp2p.interpreters;

import java.io.IOException;
import org.annexp2p.protocol.program.Instruction;
import org.annexp2p.protocol.program.Machine;
import org.annexp2p.protocol.program.Program;

/** The one loop every blocking interpreter shares: step the machine, perform, resume. Stack-safe. */
final class Runner {
    private Runner() {}

    /** Performs one instruction; how is what distinguishes one interpreter from another. */
    @FunctionalInterface
    interface Performer {
        Object perform(Instruction<?> instruction) throws IOException;
    }

    static <A> Outcome<A> run(Program<A> program, Performer performer) {
        Machine<A> machine = new Machine<>(program);
        try {
            while (true) {
                Machine.Step<A> step = machine.next();
                if (step instanceof Machine.Step.Done<A> done) {
                    return new Outcome.Completed<>(done.value());
                }
                machine.resume(performer.perform(((Machine.Step.Perform<A>) step).instruction()));
            }
        } catch (PeerClosedException e) {
            return new Outcome.PeerClosed<>();
        } catch (IOException e) {
            return new Outcome.Failed<>(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
