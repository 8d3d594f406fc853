package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A failure reaches the user in words, never as an exception class name. */
class ErrorWordsTest {

    @Test
    void aClosedConnectionIsSaidInWords() {
        assertThat(Main.oneLine(new ClosedChannelException())).isEqualTo("the connection was closed");
        assertThat(Main.oneLine(new AsynchronousCloseException())).isEqualTo("the connection was closed");
        assertThat(Main.oneLine(new EOFException())).isEqualTo("the connection was closed");
    }

    @Test
    void anUnresolvableHostIsNamed() {
        assertThat(Main.oneLine(new UnresolvedAddressException())).isEqualTo("cannot resolve the host");
        assertThat(Main.oneLine(new UnknownHostException("nosuch.invalid: Name or service not known")))
                .isEqualTo("cannot resolve host nosuch.invalid");
    }

    @Test
    void aRealUnknownHostIsNamed() {
        try {
            InetAddress.getByName("nosuch.invalid");
        } catch (UnknownHostException e) {
            assertThat(Main.oneLine(e)).isEqualTo("cannot resolve host nosuch.invalid");
            return;
        }
        throw new AssertionError(".invalid never resolves");
    }

    @Test
    void aRefusedConnectionKeepsItsMessageAndATimeoutIsSaid() {
        assertThat(Main.oneLine(new ConnectException("Connection refused"))).isEqualTo("Connection refused");
        assertThat(Main.oneLine(new SocketTimeoutException())).isEqualTo("timed out");
        assertThat(Main.oneLine(new SocketTimeoutException("Read timed out"))).isEqualTo("timed out");
    }

    @Test
    void fileProblemsNameTheFile() throws IOException {
        Path missing = Path.of("/nonexistent/annex-p2p/x");
        try {
            Files.readAllBytes(missing);
            throw new AssertionError("read a missing file");
        } catch (NoSuchFileException e) {
            assertThat(Main.oneLine(e)).isEqualTo("no such file: " + missing);
        }
        assertThat(Main.oneLine(new AccessDeniedException("/root/x"))).isEqualTo("permission denied: /root/x");
    }

    @Test
    void anythingElseWithoutAMessagePointsAtDebug() {
        assertThat(Main.oneLine(new IllegalStateException())).isEqualTo("an unexpected error (run with --debug for details)");
        assertThat(Main.oneLine(new NullPointerException())).doesNotContain("Exception").contains("--debug");
    }

    @Test
    void theCauseChainIsRead() {
        // new IOException(cause) takes cause.toString() as its message: a class name.
        assertThat(Main.oneLine(new IOException(new ClosedChannelException()))).isEqualTo("the connection was closed");
        assertThat(Main.oneLine(new RuntimeException(new IOException(new UnresolvedAddressException()))))
                .isEqualTo("cannot resolve the host");
        assertThat(Main.oneLine(new IOException("cannot dial: refused", new ClosedChannelException())))
                .isEqualTo("cannot dial: refused");
    }

    @Test
    void aReasonThatIsOnlyAClassNameIsSaidInWords() {
        assertThat(ErrorWords.ofReason("ClosedChannelException")).isEqualTo("the connection was closed");
        assertThat(ErrorWords.ofReason("UnresolvedAddressException")).isEqualTo("cannot resolve the host");
        assertThat(ErrorWords.ofReason("FrobException")).isEqualTo("an unexpected error (run with --debug for details)");
        assertThat(ErrorWords.ofReason("the peer sent an unparseable line")).isEqualTo("the peer sent an unparseable line");
        // The TCP transport names the connection, then the class.
        assertThat(ErrorWords.ofReason("tcp 10.0.0.1:4242: ClosedChannelException"))
                .isEqualTo("tcp 10.0.0.1:4242: the connection was closed");
        assertThat(Main.oneLine(new java.io.IOException("tcp 10.0.0.1:4242: ClosedChannelException")))
                .isEqualTo("tcp 10.0.0.1:4242: the connection was closed");
    }

    @Test
    void messagesStayOnOneSafeLine() {
        assertThat(Main.oneLine(new IOException("first\u001b[2K\nsecond"))).isEqualTo("first\\x1b[2K");
    }
}
