package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.wire.Len;
import org.junit.jupiter.api.Test;

/** Content lent by the repository's side of a conversation and sent on by the request's side. */
class PayloadLoanTest {
    private static final int SIZE = (int) PayloadLoan.SMALLEST_LENT;
    private static final byte[] CONTENT = new byte[SIZE];

    static {
        new java.util.Random(7).nextBytes(CONTENT);
    }

    private final PayloadLoan loan = new PayloadLoan();
    /** Content this large never touches the pipe: the Net under a side is nothing. */
    private final Net.Handler lender = loan.lender(new ForwardingNet(null) {});
    private final Net.Handler borrower = loan.borrower(new ForwardingNet(null) {});

    private CompletableFuture<Void> lend(Payload p) {
        return CompletableFuture.runAsync(() -> {
            try {
                lender.sendBytes(new Net.SendBytes(p.length(), p, Meter.NONE));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static Payload content() {
        InputStream s = new ByteArrayInputStream(CONTENT);
        return new Payload() {
            @Override
            public Len length() {
                return Len.of(CONTENT.length);
            }

            @Override
            public InputStream stream() {
                return s;
            }
        };
    }

    @Test
    void theLenderWaitsUntilTheWholeContentIsBack() throws Exception {
        CompletableFuture<Void> lent = lend(content());
        Payload borrowed = borrower.receiveBytes(new Net.ReceiveBytes(Len.of(CONTENT.length), Meter.NONE));
        InputStream in = borrowed.stream();
        assertThat(in.readNBytes(SIZE - 1)).isEqualTo(java.util.Arrays.copyOf(CONTENT, SIZE - 1));
        assertThat(lent).as("still out").isNotDone();
        assertThat(in.read()).isEqualTo(CONTENT[SIZE - 1] & 0xFF);
        assertThat(in.read()).as("no more than announced").isEqualTo(-1);
        in.close();
        lent.get(10, TimeUnit.SECONDS);
    }

    @Test
    void contentGivenBackShortFailsTheLenderAsAShortWriteDoes() throws Exception {
        CompletableFuture<Void> lent = lend(content());
        Payload borrowed = borrower.receiveBytes(new Net.ReceiveBytes(Len.of(CONTENT.length), Meter.NONE));
        borrowed.stream().readNBytes(5);
        borrowed.stream().close();
        assertThatThrownBy(() -> lent.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("took 5 of " + SIZE + " bytes");
        assertThatThrownBy(() -> borrowed.stream().read()).isInstanceOf(IOException.class);
    }

    @Test
    void aLengthOtherThanTheLentOneFailsBothSides() throws Exception {
        CompletableFuture<Void> lent = lend(content());
        assertThatThrownBy(() -> borrower.receiveBytes(new Net.ReceiveBytes(Len.of(SIZE + 1), Meter.NONE)))
                .hasMessageContaining("DATA said " + (SIZE + 1) + " bytes");
        assertThatThrownBy(() -> lent.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void closingTheConversationReleasesBothSides() throws Exception {
        CompletableFuture<Void> lent = lend(content());
        Payload borrowed = borrower.receiveBytes(new Net.ReceiveBytes(Len.of(CONTENT.length), Meter.NONE));
        loan.close();
        assertThatThrownBy(() -> lent.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("request ended before the content was sent");
        borrowed.stream().close();
        assertThatThrownBy(() -> borrower.receiveBytes(new Net.ReceiveBytes(Len.of(SIZE), Meter.NONE)))
                .hasMessageContaining("repository's side ended");
    }

    @Test
    void smallContentGoesThroughThePipeOnBothSides() throws Exception {
        java.util.List<String> piped = new java.util.ArrayList<>();
        Net.Handler pipe = new ForwardingNet(null) {
            @Override
            public org.annexp2p.protocol.program.Unit sendBytes(Net.SendBytes i) {
                piped.add("sent " + i.length().value());
                return org.annexp2p.protocol.program.Unit.UNIT;
            }

            @Override
            public Payload receiveBytes(Net.ReceiveBytes i) {
                piped.add("received " + i.length().value());
                return content();
            }
        };
        long small = PayloadLoan.SMALLEST_LENT - 1;
        loan.lender(pipe).sendBytes(new Net.SendBytes(Len.of(small), content(), Meter.NONE));
        loan.borrower(pipe).receiveBytes(new Net.ReceiveBytes(Len.of(small), Meter.NONE));
        loan.borrower(pipe).receiveBytes(new Net.ReceiveBytes(Len.ZERO, Meter.NONE));
        assertThat(piped).containsExactly("sent " + small, "received " + small, "received 0");
    }
}
