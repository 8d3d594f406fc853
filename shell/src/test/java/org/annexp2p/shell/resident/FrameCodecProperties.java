package org.annexp2p.shell.resident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class FrameCodecProperties {

    @Provide
    Arbitrary<Frame> frames() {
        // Text that UTF-8 carries both ways: any code point but a lone surrogate.
        Arbitrary<String> text = Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withChars('\ue000', '\uffff')
                .ofMaxLength(40);
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Arbitraries.oneOf(
                text.map(Frame.Hello::new), text.map(Frame.Arg::new), text.map(Frame.Env::new),
                text.map(Frame.Directory::new), text.map(Frame.Busy::new),
                Arbitraries.just(new Frame.Go()), Arbitraries.just(new Frame.Started()), Arbitraries.just(new Frame.Closed()),
                bytes.map(Frame.Input::new), bytes.map(Frame.Output::new), bytes.map(Frame.Error::new),
                Arbitraries.integers().between(0, 255).map(Frame.Exit::new));
    }

    @Property
    void everyFrameComesBackAsItWent(@ForAll("frames") Frame frame) throws IOException {
        InputStream in = new ByteArrayInputStream(FrameCodec.encode(frame));
        assertThat(FrameCodec.read(in)).isEqualTo(new FrameCodec.Decoded.Read(frame));
        assertThat(FrameCodec.read(in)).isEqualTo(new FrameCodec.Decoded.End());
    }

    @Property
    void anyBytesAreFramesOrARefusalNeverAnException(@ForAll @Size(max = 200) byte[] bytes) {
        InputStream in = new ByteArrayInputStream(bytes);
        for (int i = 0; i <= bytes.length; i++) {
            FrameCodec.Decoded d;
            try {
                d = FrameCodec.read(in);
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("decoding threw " + e, e);
            }
            if (!(d instanceof FrameCodec.Decoded.Read)) {
                return;
            }
        }
        throw new AssertionError("more frames than bytes");
    }

    @Property
    void aLengthOverTheLimitIsRefusedBeforeItsPayloadIsRead(@ForAll @IntRange(min = Frame.MAX_PAYLOAD + 1) int length,
            @ForAll("types") char type) throws IOException {
        byte[] head = {(byte) type, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
        CountingInput in = new CountingInput(new ByteArrayInputStream(Arrays.copyOf(head, 64)));
        assertThat(FrameCodec.read(in)).isInstanceOf(FrameCodec.Decoded.Refused.class);
        assertThat(in.count).isEqualTo(head.length);
    }

    @Property
    void aTruncatedFrameIsAnError(@ForAll("cut") Cut cut) throws IOException {
        byte[] whole = FrameCodec.encode(cut.frame());
        InputStream in = new ByteArrayInputStream(Arrays.copyOf(whole, cut.at() % whole.length));
        FrameCodec.Decoded d = FrameCodec.read(in);
        if (cut.at() % whole.length == 0) {
            assertThat(d).isEqualTo(new FrameCodec.Decoded.End());
        } else {
            assertThat(d).isInstanceOf(FrameCodec.Decoded.Refused.class);
        }
    }

    @Property
    void aTypeLetterOutsideTheProtocolIsRefused(@ForAll byte type) throws IOException {
        byte[] frame = {type, 0, 0, 0, 0};
        FrameCodec.Decoded d = FrameCodec.read(new ByteArrayInputStream(frame));
        // An empty payload suits every type but 'X' (four bytes).
        boolean known = "HAEDGSBICOR".indexOf((char) (type & 0xff)) >= 0;
        assertThat(d instanceof FrameCodec.Decoded.Read).isEqualTo(known);
    }

    record Cut(Frame frame, int at) {}

    @Provide
    Arbitrary<Cut> cut() {
        return Combinators.combine(frames(), Arbitraries.integers().between(0, 10_000)).as(Cut::new);
    }

    @Provide
    Arbitrary<Character> types() {
        return Arbitraries.of('H', 'A', 'E', 'D', 'G', 'S', 'B', 'I', 'C', 'O', 'R', 'X', 'Z', '\0');
    }

    private static final class CountingInput extends InputStream {
        private final InputStream in;
        int count;

        CountingInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }
}
