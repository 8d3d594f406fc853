package org.annexp2p.protocol.program;

/**
 * One step a program asks its interpreter to take: either {@link Net} (talk to the peer) or {@link Local}
 * (touch the repository). The split is the security boundary: an interpreter that has no repository can run
 * the Net half and must refuse the Local half. An instruction is itself a program of one step.
 */
public sealed interface Instruction<A> extends Program<A> permits Net, Local {}
