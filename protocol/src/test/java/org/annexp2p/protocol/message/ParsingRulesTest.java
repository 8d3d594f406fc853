package org.annexp2p.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.annexp2p.protocol.wire.AssociatedFile;
import org.junit.jupiter.api.Test;

/** The lexical rules of reference §1.1 and §1.3, one by one. */
class ParsingRulesTest {
    static final String KEY = TranscriptTest.K12;

    @Test
    void doubleSpaceMeansEmptyAssociatedFile() {
        var put = (Message.Put) MessageCodec.parse("PUT  " + KEY).get();
        assertThat(put.file()).isEqualTo(AssociatedFile.NONE);
    }

    @Test
    void lastFieldTakesTheRestOfTheLineSpacesIncluded() {
        var e = (Message.Error) MessageCodec.parse("ERROR  two  spaces ").get();
        assertThat(e.text()).isEqualTo(" two  spaces ");
        var worm = (Message.CheckPresent) MessageCodec.parse("CHECKPRESENT WORM-s5-m1--a file name").get();
        assertThat(worm.key().name()).isEqualTo("a file name");
    }

    @Test
    void argumentlessCommandsRefuseArgumentsButTolerateTheOneSeparator() {
        assertThat(MessageCodec.parse("SUCCESS x").isLeft()).isTrue();
        assertThat(MessageCodec.parse("SUCCESS ").get()).isEqualTo(new Message.Success());
        assertThat(MessageCodec.parse("SUCCESS  ").isLeft()).isTrue();
    }

    @Test
    void commandsAreCaseSensitive() {
        assertThat(MessageCodec.parse("checkpresent " + KEY).getLeft())
                .isEqualTo(new ParseError.UnknownCommand("checkpresent"));
    }

    @Test
    void crlfIsAccepted() {
        assertThat(MessageCodec.parse("CHECKPRESENT " + KEY + "\r").get())
                .isEqualTo(MessageCodec.parse("CHECKPRESENT " + KEY).get());
    }

    /** Only one CR is the line's: a value left ending in CR could never be formatted back, so it is refused. */
    @Test
    void aValueEndingInACarriageReturnIsRefusedAndAnErrorsTextLosesIt() {
        assertThat(MessageCodec.parse("CHECKPRESENT " + KEY + "\r\r").getLeft())
                .isEqualTo(new ParseError.BadArguments("CHECKPRESENT", "a value ending in a carriage return cannot cross the wire"));
        assertThat(MessageCodec.parse("GET 0  " + KEY + "\r\r").isLeft()).isTrue();
        assertThat(MessageCodec.parse("AUTH-SUCCESS 5a8f3b2e-0000-4000-8000-000000000001\r\r").isLeft()).isTrue();
        assertThat(MessageCodec.parse("ERROR boom\r\r\r").get()).isEqualTo(new Message.Error("boom"));
        assertThat(MessageCodec.parse("ERROR boom\r").get()).isEqualTo(new Message.Error("boom"));
    }

    @Test
    void authTokensAreLowerCasedAndRestrictedToLettersAndDigits() {
        var auth = (Message.Auth) MessageCodec.parse("AUTH u TestToken123").get();
        assertThat(auth.token().reveal()).isEqualTo("testtoken123");
        assertThat(MessageCodec.parse("AUTH u tok-en").isLeft()).isTrue();
        var empty = (Message.Auth) MessageCodec.parse("AUTH u ").get();
        assertThat(empty.token().isEmpty()).isTrue();
        assertThat(MessageCodec.format(empty)).isEqualTo("AUTH u ");
    }

    @Test
    void absoluteOrEscapingAssociatedFilesMakeTheMessageUnparseable() {
        assertThat(MessageCodec.parse("GET 0 /etc/passwd " + KEY).isLeft()).isTrue();
        assertThat(MessageCodec.parse("GET 0 ../../etc/passwd " + KEY).isLeft()).isTrue();
        assertThat(MessageCodec.parse("PUT a/../../b " + KEY).isLeft()).isTrue();
        assertThat(MessageCodec.parse("PUT a/..b " + KEY).isRight()).isTrue();
    }

    @Test
    void controlCharactersInAssociatedFilesBecomeUnderscores() {
        var put = (Message.Put) MessageCodec.parse("PUT a\u0001b\u007fc " + KEY).get();
        assertThat(put.file()).isEqualTo(AssociatedFile.of("a_b_c"));
    }

    @Test
    void numbersAreStrictDecimal() {
        assertThat(MessageCodec.parse("DATA -5").isLeft()).isTrue();
        assertThat(MessageCodec.parse("DATA 12abc").isLeft()).isTrue();
        assertThat(MessageCodec.parse("DATA 99999999999999999999").isLeft()).isTrue();
        assertThat(MessageCodec.parse("VERSION 1 2").isLeft()).isTrue();
        assertThat(MessageCodec.parse("DATA 0").get()).isEqualTo(new Message.Data(org.annexp2p.protocol.wire.Len.ZERO));
    }

    @Test
    void badKeysAreParseErrorsNamingTheCommand() {
        var err = MessageCodec.parse("CHECKPRESENT notakey").getLeft();
        assertThat(err).isInstanceOf(ParseError.BadArguments.class);
        assertThat(err.describe()).contains("CHECKPRESENT");
    }

    @Test
    void emptyListsAndEmptyErrorText() {
        assertThat(MessageCodec.parse("SUCCESS-PLUS").get()).isEqualTo(new Message.SuccessPlus(io.vavr.collection.List.empty()));
        assertThat(MessageCodec.parse("ERROR").get()).isEqualTo(new Message.Error(""));
        assertThat(MessageCodec.parse("CHANGED ").get())
                .isEqualTo(new Message.Changed(new org.annexp2p.protocol.wire.ChangedRefs(io.vavr.collection.List.empty())));
    }
}
