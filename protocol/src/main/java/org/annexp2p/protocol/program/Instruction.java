package org.annexp2p.protocol.program;

import java.util.function.Function;

/**
 * One step a program asks its interpreter to take: either {@link Net} (talk to the peer) or {@link Local}
 * (touch the repository). The split is the security boundary: an interpreter that has no repository can run
 * the Net half and must refuse the Local half.
 */
public sealed interface Instruction<A> permits Net, Local {

    /** Dispatches on the instruction's kind; both cases must be given, so no interpreter forgets one. */
    <R> R select(Function<? super Net<A>, ? extends R> ifNet, Function<? super Local<A>, ? extends R> ifLocal);
}
