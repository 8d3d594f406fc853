package org.annexp2p.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.annexp2p.protocol.wire.WireText;

class MessageCodecProperties {

    @Provide
    Arbitrary<Message> messages() {
        return WireArbitraries.message();
    }

    @Property(tries = 3000)
    void everyMessageSurvivesTheWire(@ForAll("messages") Message m) {
        byte[] bytes = MessageCodec.encode(m);
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
        byte[] line = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        var decoded = MessageCodec.decode(line);
        assertThat(decoded.isRight()).as("decodes %s: %s", WireText.printable(MessageCodec.format(m)),
                decoded.swap().map(ParseError::describe).getOrElse("")).isTrue();
        assertThat(decoded.get()).isEqualTo(m);
    }

    @Property(tries = 3000)
    void formattingIsStableAfterOneTrip(@ForAll("messages") Message m) {
        String once = MessageCodec.format(m);
        assertThat(MessageCodec.format(MessageCodec.parse(once).get())).isEqualTo(once);
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> huge = Arbitraries.bytes().array(byte[].class).ofMinSize(32760).ofMaxSize(40000);
        Arbitrary<byte[]> nearMiss = WireArbitraries.message().map(MessageCodec::format)
                .flatMap(s -> Arbitraries.integers().between(0, s.length()).flatMap(cut ->
                        WireArbitraries.wireText(0, 5).map(junk -> WireText.toBytes(s.substring(0, cut) + junk))));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, random), net.jqwik.api.Tuple.of(1, huge),
                net.jqwik.api.Tuple.of(5, nearMiss));
    }

    @Property(tries = 3000)
    void garbageGivesAMessageOrATypedErrorNeverAnException(@ForAll("garbage") byte[] line) {
        var result = MessageCodec.decode(line);
        if (result.isLeft()) {
            assertThat(result.getLeft().describe()).isNotBlank();
        } else {
            // Anything accepted is a real message whose formatting parses to itself.
            assertThat(MessageCodec.parse(MessageCodec.format(result.get())).get()).isEqualTo(result.get());
        }
    }
}
