package org.annexp2p.interpreters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.program.Received;
import org.junit.jupiter.api.Test;

/** The reason a failed run gives is one line a user can read, never an exception's class name. */
class FailureReasonTest {

    /** The reason a run gets when the connection fails with {@code failure} at its first step. */
    private static String reasonOfRunFailingWith(IOException failure) {
        Net.Handler failing = (Net.Handler) Proxy.newProxyInstance(Net.Handler.class.getClassLoader(),
                new Class<?>[] {Net.Handler.class}, (proxy, method, args) -> {
                    throw failure;
                });
        Program<Received> program = new Net.ReceiveMessage();
        Outcome<Received> outcome = new Unauthenticated(failing).run(program);
        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        return ((Outcome.Failed<Received>) outcome).reason();
    }

    @Test
    void aFailureWithoutMessageIsSaidByItsKind() {
        assertThat(reasonOfRunFailingWith(new SocketException())).isEqualTo("the connection failed");
        assertThat(reasonOfRunFailingWith(new ClosedChannelException())).isEqualTo("the connection was closed");
        assertThat(reasonOfRunFailingWith(new AsynchronousCloseException())).isEqualTo("the connection was closed");
        assertThat(reasonOfRunFailingWith(new EOFException())).isEqualTo("the connection was closed");
        assertThat(reasonOfRunFailingWith(new SocketTimeoutException())).isEqualTo("timed out");
        assertThat(reasonOfRunFailingWith(new IOException())).isEqualTo("an input/output error");
    }

    @Test
    void aWrappedFailureIsSaidByWhatItWraps() {
        // new IOException(cause) takes "java.net.SocketException: Connection reset" as its message.
        assertThat(reasonOfRunFailingWith(new IOException(new SocketException("Connection reset"))))
                .isEqualTo("Connection reset");
        assertThat(reasonOfRunFailingWith(new IOException(new ClosedChannelException())))
                .isEqualTo("the connection was closed");
    }

    @Test
    void aMessageIsKeptOnOneLine() {
        assertThat(reasonOfRunFailingWith(new IOException("short data write"))).isEqualTo("short data write");
        assertThat(reasonOfRunFailingWith(new IOException("first\n  second\r\nthird"))).isEqualTo("first second third");
        assertThat(reasonOfRunFailingWith(new NoSuchFileException("/tmp/gone"))).isEqualTo("no such file: /tmp/gone");
    }

    @Test
    void noReasonNamesAClass() {
        List<IOException> failures = List.of(new SocketException(), new EOFException(), new ClosedChannelException(),
                new SocketTimeoutException(), new IOException(), new IOException(new EOFException()),
                new IOException(new SocketException("reset")), new IOException((String) null, new SocketException()));
        for (IOException failure : failures) {
            assertThat(reasonOfRunFailingWith(failure)).doesNotContainPattern("[A-Z][A-Za-z]*(Exception|Error)")
                    .doesNotContain("java.").doesNotContain("\n").isNotBlank();
        }
    }
}
