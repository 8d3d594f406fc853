package org.annexp2p.interpreters.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.message.MessageCodec;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.ChangedRefs;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Service;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.testkit.content.AnnexedContent;

/**
 * What a hostile or broken peer sends a server: well-formed messages of every kind (client's and server's,
 * so most arrive out of order), the same messages mutated (bytes flipped, cut, spliced, NULs, invalid UTF-8,
 * path separators), lines longer than git-annex's 32768-byte limit, DATA announcing absurd lengths, payloads
 * that lie, and plain garbage — before and after a good AUTH.
 */
final class HostileInput {
    private HostileInput() {}

    /** One conversation's bytes, and how many protocol lines they hold (payload bytes are not lines). */
    record Case(byte[] bytes, int lines) {
        /** Enough of a failing case to recognise it; the seed and case number reproduce all of it. */
        private static final int SHOWN = 600;

        @Override
        public String toString() {
            String shown = new String(bytes, 0, Math.min(bytes.length, SHOWN), StandardCharsets.ISO_8859_1);
            return lines + " line(s), " + bytes.length + " byte(s): " + org.annexp2p.protocol.wire.WireText.printable(shown)
                    + (bytes.length > SHOWN ? "..." : "");
        }
    }

    /** A piece of a conversation: its bytes and the lines it counts for. */
    record Piece(byte[] bytes, int lines) {
        static Piece line(byte[] withoutNewline) {
            return new Piece(concat(withoutNewline, new byte[] {'\n'}), 1);
        }
    }

    static final int MAX = MessageCodec.MAX_LINE_BYTES;

    /** Keys that look like paths, escapes, or are plain valid; every one of them parses as a key. */
    static final List<String> HOSTILE_KEY_NAMES = List.of("../../etc/passwd", "/etc/passwd", "..", ".",
            "../../../../../sentinel/secret.txt", "a/../../b", "..\\..\\windows", "C:\\x", "x\u0000y", "%2e%2e%2f",
            "a&b%c", "\u00ff\u00fe", "\u00c3\u0028", "/", "//", "~/.ssh/id_rsa", "objects/../../config", "a\rb",
            "x".repeat(300), "con", ".git");

    static Arbitrary<Case> cases(AuthToken right, byte[] storable) {
        return Arbitraries.frequencyOf(
                Tuple.of(1, garbage()),
                Tuple.of(12, session(right, storable)));
    }

    /** Random bytes, newlines included: counted as the lines they split into. */
    static Arbitrary<Case> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096)
                .map(b -> new Case(b, b.length == 0 ? 0 : count(b, (byte) '\n') + (b[b.length - 1] == '\n' ? 0 : 1)));
    }

    /** Pieces, with a good AUTH somewhere among them in most conversations. */
    static Arbitrary<Case> session(AuthToken right, byte[] storable) {
        Arbitrary<List<Piece>> pieces = piece(right, storable).list().ofMinSize(1).ofMaxSize(80);
        Arbitrary<Integer> authAt = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(-1)),
                Tuple.of(3, Arbitraries.just(0)), Tuple.of(2, Arbitraries.integers().between(0, 20)));
        return Combinators.combine(pieces, authAt).as((ps, at) -> {
            List<Piece> all = new ArrayList<>(ps);
            if (at >= 0) {
                all.add(Math.min(at, all.size()), Piece.line(MessageCodec.format(new Message.Auth(new Uuid("peer"), right))
                        .getBytes(StandardCharsets.ISO_8859_1)));
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int lines = 0;
            for (Piece p : all) {
                b.writeBytes(p.bytes());
                lines += p.lines();
            }
            return new Case(b.toByteArray(), lines);
        });
    }

    static Arbitrary<Piece> piece(AuthToken right, byte[] storable) {
        Arbitrary<byte[]> valid = messages(right).map(MessageCodec::format).map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
        return Arbitraries.frequencyOf(
                Tuple.of(10, valid.map(Piece::line)),
                Tuple.of(8, mutated(valid)),
                Tuple.of(1, overlong()),
                Tuple.of(2, data()),
                Tuple.of(1, storing(storable)),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(Piece::line)));
    }

    // ---- well-formed messages -------------------------------------------------------------------------------

    static Arbitrary<Key> keys() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of(HOSTILE_KEY_NAMES),
                Arbitraries.strings().withChars("ab./\\%&:~\u0000\u00ff\u00e9-_ ").ofMinLength(1).ofMaxLength(40));
        Arbitrary<String> backends = Arbitraries.of("WORM", "SHA256E", "SHA256", "MD5", "URL", "X");
        Arbitrary<Long> sizes = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.longs().between(0, 64)),
                Tuple.of(1, Arbitraries.longs().greaterOrEqual(0)));
        return Combinators.combine(backends, sizes, names).as(Key::of)
                .filter(k -> Key.parse(k.serialize()).isRight());
    }

    static Arbitrary<AssociatedFile> files() {
        return Arbitraries.oneOf(Arbitraries.just(AssociatedFile.NONE),
                Arbitraries.of("a.txt", "dir/sub file.bin", "%", "a%%b", "x\u0000y", "\u00ff").map(AssociatedFile::of));
    }

    static Arbitrary<Long> numbers() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.longs().between(0, 100)),
                Tuple.of(1, Arbitraries.of(Long.MAX_VALUE, (long) Integer.MAX_VALUE + 1, 1L << 40)),
                Tuple.of(1, Arbitraries.longs().greaterOrEqual(0)));
    }

    static Arbitrary<Message> messages(AuthToken right) {
        Arbitrary<Key> k = keys();
        Arbitrary<Uuid> uuids = Arbitraries.of("peer", "f0220000-0000-4000-8000-00000000f022", "x").map(Uuid::new);
        Arbitrary<AuthToken> tokens = Arbitraries.oneOf(Arbitraries.just(right), Arbitraries.just(AuthToken.EMPTY),
                Arbitraries.strings().alpha().numeric().ofMaxLength(70).map(s -> AuthToken.parse(s).get()),
                // Almost right: one more character, or the right one's prefix.
                Arbitraries.just(AuthToken.parse(right.reveal() + "0").get()),
                Arbitraries.just(AuthToken.parse(right.reveal().substring(0, right.reveal().length() - 1)).get()));
        Arbitrary<Message> keyed = Arbitraries.oneOf(
                k.map(Message.CheckPresent::new), k.map(Message.LockContent::new), k.map(Message.Remove::new),
                Combinators.combine(numbers().map(MonotonicTimestamp::of), k).as(Message.RemoveBefore::new),
                Combinators.combine(numbers().map(Offset::of), files(), k).as(Message.Get::new),
                Combinators.combine(files(), k).as(Message.Put::new));
        Arbitrary<Message> plain = Arbitraries.of(new Message.UnlockContent(), new Message.GetTimestamp(),
                new Message.Valid(), new Message.Invalid(), new Message.Success(), new Message.Failure(),
                new Message.AlreadyHave(), new Message.DataPresent(), new Message.AuthFailure(),
                new Message.NotifyChange(), new Message.Connect(Service.UPLOAD_PACK), new Message.Connect(Service.RECEIVE_PACK),
                new Message.ConnectDone(ExitCode.SUCCESS), new Message.AuthSuccess(new Uuid("someone")),
                new Message.Changed(ChangedRefs.parse("0123456789012345678901234567890123456789")),
                new Message.Bypass(io.vavr.collection.List.of(new Uuid("a"), new Uuid("b"))),
                new Message.SuccessPlus(io.vavr.collection.List.of(new Uuid("a"))));
        Arbitrary<Message> numbered = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 9).map(v -> new Message.Version(ProtocolVersion.parse(Integer.toString(v)).get())),
                numbers().map(n -> new Message.Data(Len.of(n))),
                numbers().map(n -> new Message.PutFrom(Offset.of(n))),
                numbers().map(n -> new Message.Timestamp(MonotonicTimestamp.of(n))));
        return Arbitraries.frequencyOf(
                Tuple.of(80, keyed),
                Tuple.of(40, plain),
                Tuple.of(30, numbered),
                Tuple.of(20, Combinators.combine(uuids, tokens).as(Message.Auth::new)),
                // A client ERROR ends the conversation, so it is rare: the rest of a case would go unread.
                Tuple.of(1, Arbitraries.of("", "oops", "%\u0000").map(Message.Error::new)));
    }

    // ---- broken lines ---------------------------------------------------------------------------------------

    /** Byte sequences that break parsers or name files: NUL, invalid UTF-8, separators, escapes, CR, spacing. */
    static final List<byte[]> NASTY = List.of(new byte[] {0}, new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3, 0x28},
            new byte[] {(byte) 0xe2, (byte) 0x82}, new byte[] {(byte) 0x80}, "/".getBytes(StandardCharsets.US_ASCII),
            "\\".getBytes(StandardCharsets.US_ASCII), "../".getBytes(StandardCharsets.US_ASCII), "\r".getBytes(StandardCharsets.US_ASCII),
            " ".getBytes(StandardCharsets.US_ASCII), "\t".getBytes(StandardCharsets.US_ASCII), "%".getBytes(StandardCharsets.US_ASCII),
            "-s99999999999999999999".getBytes(StandardCharsets.US_ASCII), "\u00a0".getBytes(StandardCharsets.ISO_8859_1));

    static Arbitrary<Piece> mutated(Arbitrary<byte[]> lines) {
        Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
        Arbitrary<byte[]> flip = Combinators.combine(lines, at, Arbitraries.integers().between(1, 255)).as((l, where, mask) -> {
            byte[] c = l.clone();
            if (c.length > 0) {
                int i = index(c.length, where);
                c[i] = (byte) (c[i] ^ mask);
            }
            return c;
        });
        Arbitrary<byte[]> truncate = Combinators.combine(lines, at).as((l, where) ->
                java.util.Arrays.copyOf(l, index(l.length + 1, where)));
        Arbitrary<byte[]> splice = Combinators.combine(lines, lines, at, at).as((a, b, wa, wb) ->
                concat(java.util.Arrays.copyOf(a, index(a.length + 1, wa)),
                        java.util.Arrays.copyOfRange(b, index(b.length + 1, wb), b.length)));
        Arbitrary<byte[]> insert = Combinators.combine(lines, at, Arbitraries.of(NASTY)).as((l, where, nasty) -> {
            int i = index(l.length + 1, where);
            return concat(java.util.Arrays.copyOf(l, i), nasty, java.util.Arrays.copyOfRange(l, i, l.length));
        });
        Arbitrary<byte[]> any = Arbitraries.oneOf(flip, truncate, splice, insert);
        // Sometimes several mutations; sometimes the line's newline is lost, so it runs into the next one.
        Arbitrary<byte[]> twice = Combinators.combine(any, at, Arbitraries.of(NASTY)).as((l, where, nasty) -> {
            int i = index(l.length + 1, where);
            return concat(java.util.Arrays.copyOf(l, i), nasty, java.util.Arrays.copyOfRange(l, i, l.length));
        });
        return Combinators.combine(Arbitraries.oneOf(any, twice), Arbitraries.integers().between(0, 19))
                .as((l, n) -> n == 0 ? new Piece(l, 0) : Piece.line(l));
    }

    /** Past git-annex's line limit: the connection must end there, however the line goes on. */
    static Arbitrary<Piece> overlong() {
        Arbitrary<String> head = Arbitraries.of("", "CHECKPRESENT WORM--", "AUTH peer ", "ERROR ", "GET 0 ");
        return Combinators.combine(head, Arbitraries.integers().between(MAX - 2, MAX + 2000), Arbitraries.of(true, false))
                .as((h, n, newline) -> {
                    byte[] l = concat(h.getBytes(StandardCharsets.US_ASCII), "x".repeat(n).getBytes(StandardCharsets.US_ASCII));
                    return newline ? Piece.line(l) : new Piece(l, 1);
                });
    }

    /** DATA with a length that is absurd, unparseable, or not what follows; and payload bytes after it. */
    static Arbitrary<Piece> data() {
        Arbitrary<String> announced = Arbitraries.oneOf(
                Arbitraries.of("9223372036854775807", "9223372036854775808", "99999999999999999999999", "-1", "", " 5",
                        "5 ", "0x10", "1e3", "\u00b3"),
                Arbitraries.integers().between(0, 600).map(Object::toString));
        Arbitrary<byte[]> payload = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        return Combinators.combine(announced, payload).as((n, p) ->
                new Piece(concat(("DATA " + n + "\n").getBytes(StandardCharsets.ISO_8859_1), p), 1));
    }

    /** A well-behaved upload of {@code content} under a key that matches it, so objects really get stored. */
    static Arbitrary<Piece> storing(byte[] content) {
        String sha = AnnexedContent.sha256(content);
        Arbitrary<String> key = Arbitraries.of("SHA256E-s" + content.length + "--" + sha + ".bin",
                "WORM-s" + content.length + "--stored", "WORM-s" + content.length + "--../../../../sentinel/planted");
        return Combinators.combine(key, Arbitraries.of("VALID", "INVALID", "")).as((k, check) -> {
            String head = "VERSION 1\nPUT  " + k + "\nDATA " + content.length + "\n";
            byte[] tail = check.isEmpty() ? new byte[0] : (check + "\n").getBytes(StandardCharsets.US_ASCII);
            return new Piece(concat(head.getBytes(StandardCharsets.ISO_8859_1), content, tail), check.isEmpty() ? 3 : 4);
        });
    }

    // ---- bytes ----------------------------------------------------------------------------------------------

    private static int index(int length, double where) {
        return Math.min(length - 1, (int) (where * length));
    }

    private static int count(byte[] b, byte wanted) {
        int n = 0;
        for (byte x : b) {
            if (x == wanted) {
                n++;
            }
        }
        return n;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

}
