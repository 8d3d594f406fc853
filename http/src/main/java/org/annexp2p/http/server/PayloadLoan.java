package org.annexp2p.http.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.program.Unit;
import org.annexp2p.protocol.wire.Len;

/**
 * DATA content passed by reference between the two sides of one conversation. Through the pipe, the repository's
 * side would copy the object's bytes in and the request's side copy them out again, each piece waking the other
 * thread; instead the repository's side lends the payload it read (a stretch of the object's file) and waits, and
 * the request's side sends it to the client from where it is (sendfile, for plain HTTP) and gives it back by
 * closing it. The protocol lines still go through the pipe, so the programs, the DATA length and VALID/INVALID
 * are those of every transport: the repository's side checks that the file was unchanged once the payload is back,
 * after its last byte went out.
 */
final class PayloadLoan {
    /**
     * Content shorter than this goes through the pipe: it fits the pipe's buffer with the lines around it, so the
     * repository's side goes on to VALID without waiting for the request's side, where a loan would make each wait
     * for the other once. Both sides see the DATA length, so both know which way the bytes come.
     */
    static final long SMALLEST_LENT = 32 * 1024 + 1;

    /** One payload out on loan; {@code outcome} is null while it is out, "" when given back whole, else why not. */
    private static final class Loan {
        final Payload payload;
        final long length;
        String outcome;

        Loan(Payload payload, long length) {
            this.payload = payload;
            this.length = length;
        }
    }

    private Loan offered;
    private boolean closed;

    /** The repository's side of the conversation: its DATA payloads are lent, not written to the pipe. */
    Net.Handler lender(Net.Handler net) {
        return new ForwardingNet(net) {
            @Override
            public Unit sendBytes(Net.SendBytes i) throws IOException {
                if (i.length().value() < SMALLEST_LENT) {
                    return super.sendBytes(i);
                }
                i.meter().progress(0);
                try (InputStream ignored = i.payload().stream()) {
                    lend(new Loan(i.payload(), i.length().value()));
                }
                i.meter().progress(i.length().value());
                return Unit.UNIT;
            }
        };
    }

    /** The request's side: the payload after a DATA is the one the repository's side lent. */
    Net.Handler borrower(Net.Handler net) {
        return new ForwardingNet(net) {
            @Override
            public Payload receiveBytes(Net.ReceiveBytes i) throws IOException {
                if (i.length().value() < SMALLEST_LENT) {
                    return super.receiveBytes(i);
                }
                i.meter().progress(0);
                return borrow(i.length());
            }
        };
    }

    /** Ends every loan: a lender still waiting fails, as a sender whose peer hung up does. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    private synchronized void lend(Loan loan) throws IOException {
        offered = loan;
        notifyAll();
        try {
            while (loan.outcome == null && !closed) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the content was being sent");
        } finally {
            if (offered == loan) {
                offered = null;
            }
        }
        if (loan.outcome == null) {
            throw new IOException("the request ended before the content was sent");
        }
        if (!loan.outcome.isEmpty()) {
            throw new IOException(loan.outcome);
        }
    }

    private synchronized Payload borrow(Len length) throws IOException {
        try {
            while (offered == null && !closed) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the content");
        }
        if (offered == null) {
            throw new IOException("the repository's side ended before it sent the content");
        }
        Loan loan = offered;
        offered = null;
        if (loan.length != length.value()) {
            giveBack(loan, "DATA said " + length.value() + " bytes, the content lent holds " + loan.length);
            throw new IOException(loan.outcome);
        }
        return BorrowedContent.of(loan.payload, length, left -> giveBack(loan,
                left == 0 ? "" : "the request's side took " + (loan.length - left) + " of " + loan.length + " bytes"));
    }

    private synchronized void giveBack(Loan loan, String outcome) {
        if (loan.outcome == null) {
            loan.outcome = outcome;
        }
        notifyAll();
    }
}
