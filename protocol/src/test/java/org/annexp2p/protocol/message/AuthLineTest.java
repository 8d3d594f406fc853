package org.annexp2p.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which parts of an AUTH-like line may be shown, and that a parse error never quotes a token. */
class AuthLineTest {
    static final String TOKEN = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String UUID = "5b7a4a8e-2f43-4c3c-9d0e-7a1f3c9e2b11";

    @Test
    void onlyTheCommandWordAndAUuidShow() {
        assertThat(AuthLine.masked("AUTH " + UUID + " " + TOKEN)).isEqualTo("AUTH " + UUID + " <AUTHTOKEN>");
        assertThat(AuthLine.masked("AUTH " + UUID + " " + TOKEN + "!")).isEqualTo("AUTH " + UUID + " <AUTHTOKEN>");
        assertThat(AuthLine.masked("AUTH " + UUID + " 9f86d081 884c7d65")).isEqualTo("AUTH " + UUID + " <AUTHTOKEN> <AUTHTOKEN>");
        assertThat(AuthLine.masked("  auth " + UUID + " " + TOKEN + "\r")).isEqualTo("  auth <AUTHTOKEN> <AUTHTOKEN>\r");
        assertThat(AuthLine.masked("\rAUTH " + TOKEN)).isEqualTo("\rAUTH <AUTHTOKEN>");
        assertThat(AuthLine.masked("AUTH" + TOKEN)).isEqualTo("AUTH<AUTHTOKEN>");
        assertThat(AuthLine.masked("AUTH " + TOKEN + " " + UUID)).isEqualTo("AUTH <AUTHTOKEN> <AUTHTOKEN>");
        assertThat(AuthLine.masked("AUTH-SUCCESS " + UUID)).isEqualTo("AUTH-SUCCESS " + UUID);
        assertThat(AuthLine.masked("AUTH-FAILURE")).isEqualTo("AUTH-FAILURE");
        assertThat(AuthLine.masked("auth")).isEqualTo("auth");
    }

    @Test
    void otherLinesAreLeftAlone() {
        assertThat(AuthLine.masked("CHECKPRESENT SHA256E-s1--" + TOKEN)).isEqualTo("CHECKPRESENT SHA256E-s1--" + TOKEN);
        assertThat(AuthLine.masked("")).isEmpty();
        assertThat(AuthLine.is("VERSION 1")).isFalse();
        assertThat(AuthLine.is(" \r\u0000Auth")).isTrue();
    }

    @Test
    void aParseErrorNeverQuotesATokenRunIntoTheCommandWord() {
        ParseError e = MessageCodec.parse("AUTH" + TOKEN).getLeft();
        assertThat(e.describe()).doesNotContain(TOKEN.substring(0, 16)).contains("AUTH");
        ParseError lower = MessageCodec.parse("auth" + TOKEN + " x").getLeft();
        assertThat(lower.describe()).doesNotContain(TOKEN.substring(0, 16));
    }
}
