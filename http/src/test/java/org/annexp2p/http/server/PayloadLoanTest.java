package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
    private static final byte[] CONTENT = "twelve bytes".getBytes(StandardCharsets.US_ASCII);

    private final PayloadLoan loan = new PayloadLoan();
    /** Neither side may touch the pipe for the bytes themselves. */
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
        assertThat(in.readNBytes(CONTENT.length - 1)).isEqualTo("twelve byte".getBytes(StandardCharsets.US_ASCII));
        assertThat(lent).as("still out").isNotDone();
        assertThat(in.read()).isEqualTo('s');
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
                .hasMessageContaining("took 5 of 12 bytes");
        assertThatThrownBy(() -> borrowed.stream().read()).isInstanceOf(IOException.class);
    }

    @Test
    void aLengthOtherThanTheLentOneFailsBothSides() throws Exception {
        CompletableFuture<Void> lent = lend(content());
        assertThatThrownBy(() -> borrower.receiveBytes(new Net.ReceiveBytes(Len.of(99), Meter.NONE)))
                .hasMessageContaining("DATA said 99 bytes");
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
        assertThatThrownBy(() -> borrower.receiveBytes(new Net.ReceiveBytes(Len.of(1), Meter.NONE)))
                .hasMessageContaining("repository's side ended");
    }

    @Test
    void emptyContentIsNeitherLentNorAwaited() throws Exception {
        Payload none = borrower.receiveBytes(new Net.ReceiveBytes(Len.ZERO, Meter.NONE));
        assertThat(none.stream().read()).isEqualTo(-1);
    }
}
