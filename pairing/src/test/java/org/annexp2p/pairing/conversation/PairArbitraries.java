package org.annexp2p.pairing.conversation;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for pairing data and messages, shared by the codec and state machine properties. */
final class PairArbitraries {

    private PairArbitraries() {
    }

    static Arbitrary<InetSocketAddress> addresses() {
        Arbitrary<byte[]> ip = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.bytes().array(byte[].class).ofSize(16));
        return Combinators.combine(ip, Arbitraries.integers().between(0, 65535)).as((bytes, port) -> {
            try {
                return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        });
    }

    static Arbitrary<PairData> data() {
        Arbitrary<String> host = Arbitraries.strings().ofMaxLength(60);
        Arbitrary<String> user = Arbitraries.strings().ofMaxLength(20);
        Arbitrary<String> path = Arbitraries.strings().ofMaxLength(120);
        Arbitrary<String> uuid = Arbitraries.strings().withCharRange('0', 'f').ofMaxLength(64);
        Arbitrary<byte[]> key = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(PairData.MAX_KEY);
        return Combinators.combine(host, user, path, uuid, key, addresses().list().ofMaxSize(PairData.MAX_ADDRESSES))
                .as(PairData::new);
    }

    static Arbitrary<String> hex(int chars) {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(chars);
    }

    static Arbitrary<PairMessage> messages() {
        Arbitrary<PairMessage> request = Combinators.combine(hex(32), data(), hex(64)).as(PairMessage.Request::new);
        Arbitrary<PairMessage> ack = Combinators.combine(hex(32), data(), hex(64)).as(PairMessage.Acknowledge::new);
        Arbitrary<PairMessage> done = Combinators.combine(hex(32), hex(64)).as(PairMessage.Done::new);
        return Arbitraries.oneOf(request, ack, done);
    }
}
