package org.annexp2p.interpreters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.program.Unit;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.junit.jupiter.api.Test;

/**
 * Local work is impossible before authentication: whatever a program does, wherever a Local instruction of any
 * kind stands in it, the unauthenticated interpreter stops there with git-annex's refusal, having performed
 * only the Net steps before it — it has no repository it could touch.
 */
class UnauthenticatedRefusalProperties {

    @Test
    void theGeneratorCoversEveryLocalInstructionKind() {
        Set<Class<?>> generated = LocalInstructions.everyKind().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(generated).containsExactlyInAnyOrder(Local.class.getPermittedSubclasses());
    }

    @Provide
    Arbitrary<List<Program<?>>> netSteps() {
        Arbitrary<Program<?>> step = Arbitraries.of(
                new Net.SendMessage(new Message.Success()),
                new Net.SendMessage(new Message.Version(ProtocolVersion.V1)),
                new Net.GetProtocolVersion(),
                new Net.SetProtocolVersion(ProtocolVersion.V2),
                new Net.GetMonotonicTimestamp());
        return step.list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<Local<?>> locals() {
        return LocalInstructions.anyKind();
    }

    @Property(tries = 500)
    void everyLocalInstructionIsRefusedWherever(@ForAll("netSteps") List<Program<?>> before,
            @ForAll("locals") Local<?> local, @ForAll("netSteps") List<Program<?>> after) {
        Program<Unit> program = sequence(before).then(local).then(sequence(after));
        ScriptedNet net = new ScriptedNet();
        RecordingLocal repository = new RecordingLocal();

        Outcome<Unit> out = new Unauthenticated(net).run(program);

        assertThat(out).isEqualTo(new Outcome.Failed<Unit>(Unauthenticated.REFUSAL));
        long netBefore = before.stream().filter(p -> !(p instanceof Net.GetProtocolVersion)).count();
        assertThat(net.performed).hasSize((int) netBefore);
        assertThat(repository.calls).isEmpty();
        // Control: the very same program under the full interpreter does reach the repository.
        new Full(new ScriptedNet(), repository).run(program);
        assertThat(repository.calls).contains(local.getClass().getSimpleName());
    }

    private static Program<Unit> sequence(List<Program<?>> steps) {
        Program<Unit> p = Program.done();
        for (Program<?> s : steps) {
            p = p.then(s).then(Program.done());
        }
        return p;
    }
}
