package org.annexp2p.interpreters;

import io.vavr.control.Either;
import java.util.function.Supplier;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.protocol.program.Instruction;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.transports.Admission;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Parked;

/**
 * An authenticated conversation under {@link Full} that gives its thread back while the peer is idle. It stops
 * before reading the peer's next request when none of that request has been read yet, and asks the server to
 * {@linkplain Admission#park park} it: the machine, the connection and the open repository wait in this object,
 * and the server resumes it on a thread of its own once the peer sends something, hangs up, or the connection
 * fails. Reads within an exchange (a DATA payload, a reply, UNLOCKCONTENT) still block: a content lock or a
 * half-received file is never left waiting without a thread to notice the peer leave.
 */
final class IdleParking<A> implements Parked {
    private final Connection connection;
    private final Admission admission;
    private final StreamNet net;
    private final RepositoryLocal local;
    private final Full full;
    private Runner.Paused<A> paused;

    private IdleParking(Connection connection, Admission admission, StreamNet net, RepositoryLocal local) {
        this.connection = connection;
        this.admission = admission;
        this.net = net;
        this.local = local;
        this.full = new Full(net, local);
    }

    /**
     * Serves {@code program} until it ends (then {@code local} is closed) or is parked; either way this returns,
     * and a parked one goes on when the server resumes it. {@code local} belongs to the conversation from now on.
     */
    static <A> void serve(Program<A> program, Connection connection, Admission admission, StreamNet net,
            RepositoryLocal local) {
        IdleParking<A> session = new IdleParking<>(connection, admission, net, local);
        session.settle(() -> session.full.runUntil(program, session::idleWait));
    }

    @Override
    public void resume() {
        settle(() -> full.proceed(paused, this::idleWait));
    }

    @Override
    public void abandon() {
        local.close();
    }

    /** Only the wait for the next request, and only while it is wholly unread, may give the thread back. */
    private boolean idleWait(Instruction<?> next) {
        return next instanceof Net.ReceiveMessage r && r.request() && net.nothingReadAhead();
    }

    /** Runs until the conversation ends or the server takes it to park; goes on here when the server does not. */
    private void settle(Supplier<Either<Runner.Paused<A>, Outcome<A>>> first) {
        Either<Runner.Paused<A>, Outcome<A>> run;
        try {
            run = first.get();
            while (run.isLeft()) {
                paused = run.getLeft();
                if (admission.park(this)) {
                    return;
                }
                run = full.proceed(paused, this::idleWait);
            }
        } catch (RuntimeException | Error e) {
            local.close();
            throw e;
        }
        local.close();
        Serving.log(connection, run.get());
    }
}
