package org.annexp2p.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.WireText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every protocol line of the transcripts captured from git-annex 10.20230126 (reference §1.13, §4, §6.2)
 * decodes, and formats back to exactly the same bytes.
 */
class TranscriptTest {

    static final String K12 = "SHA256E-s12--a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447.txt";
    static final String K5 = "SHA256E-s5--0000000000000000000000000000000000000000000000000000000000000000.bin";
    static final String K20 = "SHA256E-s20--c12a6f0933cbab241ebe8ac9a6b9328130e4cd3bd8ffaa00ee28dc368d3b7021.dat";
    static final String K21 = "SHA256E-s21--f41f3fa625ff120ddca7ef456bf66371ecea23c129f4e4c32367101edb516cf8.dat";
    static final String K29 = "SHA256E-s29--64c3ebaf4d34a8da11c5f1dfe0778856743cb633659baac9b1cfcb2566f97722";
    static final String K4 = "SHA256E-s4--b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c.txt";
    static final String K7 = "SHA256E-s7--20def862d346f94c7ff75a3404a0004dd96ca2427e02f69556725935324d3ebd.txt";
    static final String K100K = "SHA256E-s100000--9774ff928f88b4bcb1b6459b9d2712ce9c4646fd644c08010ee1b95a6043c995.bin";
    static final String TOKEN = "54b0632db91a6a854f3e7ea4cec770661cdcdec1af5849fafe1641cae619596bba03abb4224728668f0533348d71338833efaeb4e0348ec5ed2abcb6efa3dc59";

    static Stream<String> exactLines() {
        return Stream.of(
                "AUTH-SUCCESS 62824c8f-daf0-4533-afb2-f5f8d12e01a8",
                "VERSION 4", "VERSION 1", "VERSION 3",
                "CHECKPRESENT " + K12, "CHECKPRESENT " + K5, "CHECKPRESENT " + K7, "CHECKPRESENT " + K100K,
                "SUCCESS", "FAILURE",
                "GET 0 hello.txt " + K12, "GET 6 hello.txt " + K12, "GET 0  " + K5, "GET 100 hello.txt " + K12,
                "DATA 12", "DATA 6", "DATA 0", "DATA 20", "DATA 21", "DATA 29", "DATA 19", "DATA 7", "DATA 100000",
                "DATA 461", "DATA 4", "DATA 222", "DATA 109", "DATA 8", "DATA 3448", "DATA 316",
                "VALID", "INVALID",
                "ERROR unknown command", "ERROR unexpected command", "ERROR client is giving up",
                "AUTH 11111111-2222-3333-4444-555555555555 abc",
                "AUTH dbb8db0e-361d-47d8-a758-e981313c7157 " + TOKEN,
                "AUTH 11111111-2222-3333-4444-555555555555 badtoken",
                "AUTH 11111111-2222-3333-4444-555555555555 testtoken123",
                "AUTH-FAILURE",
                "NOTIFYCHANGE",
                "ALREADY-HAVE", "PUT-FROM 0", "PUT-FROM 10",
                "PUT  " + K29, "PUT  " + K21, "PUT hello.txt " + K12, "PUT fromC.txt " + K7, "PUT big.bin " + K100K,
                "LOCKCONTENT " + K20, "LOCKCONTENT " + K21, "LOCKCONTENT " + K100K, "UNLOCKCONTENT",
                "REMOVE " + K20, "REMOVE " + K7, "REMOVE " + K100K,
                "GETTIMESTAMP",
                "ERROR this repository is read-only; write access denied",
                "ERROR this repository is append-only; removal denied",
                "ERROR expected PUT_FROM or ALREADY_HAVE",
                "ERROR bye",
                "CONNECT git-upload-pack", "CONNECT git-receive-pack", "CONNECTDONE 0",
                "CHANGED 328810ce722c2f5def017401330ae45cadc7eefd efa787e86b9275e27d989e0c2866fa76ab8af5f9",
                "CHANGED 69606b6e8e1c7897fcc43c40c9f3183f825e6c24 9ec254c409c47f6c821baf097de66100c356c8b0 f17390312564ee30e15e9be196428c9454dccd54",
                "GET 0 " + "sub%dir/my%file.txt".replace("%", "_") + " " + K4);
    }

    @ParameterizedTest
    @MethodSource("exactLines")
    void decodesAndFormatsBackExactly(String line) {
        var decoded = MessageCodec.parse(line);
        assertThat(decoded.isRight()).as("parses: %s", line).isTrue();
        assertThat(MessageCodec.format(decoded.get())).isEqualTo(line);
        assertThat(MessageCodec.encode(decoded.get())).isEqualTo(WireText.toBytes(line + "\n"));
    }

    @Test
    void senderEscapesWhitespaceInAssociatedFilesAsGitAnnexDoes() {
        // git annex get "sub dir/my file.txt" was sent as "sub%dir/my%file.txt" (reference §6.2).
        var get = new Message.Get(org.annexp2p.protocol.wire.Offset.ZERO,
                AssociatedFile.of("sub dir/my file.txt"), org.annexp2p.protocol.key.Key.parse(K4).get());
        assertThat(MessageCodec.format(get)).isEqualTo("GET 0 sub%dir/my%file.txt " + K4);
        var put = new Message.Put(AssociatedFile.of("new file.dat"), org.annexp2p.protocol.key.Key.parse(K20).get());
        assertThat(MessageCodec.format(put)).isEqualTo("PUT new%file.dat " + K20);
        var percent = new Message.Put(AssociatedFile.of("my 20file%x"), org.annexp2p.protocol.key.Key.parse(K12).get());
        assertThat(MessageCodec.format(percent)).isEqualTo("PUT my%20file%%x " + K12);
    }

    @Test
    void receiverTurnsLonePercentIntoUnderscoreAndDoubledPercentIntoPercent() {
        var m = (Message.Put) MessageCodec.parse("PUT my%20file%%x " + K12).get();
        assertThat(m.file()).isEqualTo(AssociatedFile.of("my_20file%x"));
        var g = (Message.Get) MessageCodec.parse("GET 0 sub%dir/my%file.txt " + K4).get();
        assertThat(g.file()).isEqualTo(AssociatedFile.of("sub_dir/my_file.txt"));
    }

    @Test
    void nonAsciiFileNamesTravelAsRawBytes() {
        // héllo wörld.txt was sent as h\xc3\xa9llo%w\xc3\xb6rld.txt (reference §1.1).
        var put = new Message.Put(AssociatedFile.of(WireText.ofUnicode("héllo wörld.txt")),
                org.annexp2p.protocol.key.Key.parse(K12).get());
        byte[] expected = WireText.toBytes("PUT h\u00c3\u00a9llo%w\u00c3\u00b6rld.txt " + K12 + "\n");
        assertThat(MessageCodec.encode(put)).isEqualTo(expected);
    }
}
