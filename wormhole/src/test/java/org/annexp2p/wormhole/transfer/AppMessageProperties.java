package org.annexp2p.wormhole.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.annexp2p.wormhole.PeerProtocolException;
import org.annexp2p.wormhole.transit.TcpHint;
import org.annexp2p.wormhole.transit.TransitHints;

class AppMessageProperties {

    @Provide
    Arbitrary<AppMessage> messages() {
        Arbitrary<String> s = Arbitraries.strings().ofMaxLength(30);
        Arbitrary<TcpHint> hint = Combinators.combine(
                Arbitraries.strings().alpha().numeric().withChars('.', ':').ofMinLength(1).ofMaxLength(20),
                Arbitraries.integers().between(1, 65535),
                Arbitraries.of(0.0, 0.5, 2.0)).as(TcpHint::new);
        return Arbitraries.oneOf(
                Combinators.combine(hint.list().ofMaxSize(3), hint.list().ofMaxSize(3))
                        .as((d, r) -> new AppMessage.Transit(new TransitHints(d, r))),
                s.map(AppMessage.TextOffer::new),
                Combinators.combine(s, Arbitraries.longs().between(0, Long.MAX_VALUE)).as(AppMessage.FileOffer::new),
                s.map(AppMessage.DirectoryOffer::new),
                s.map(AppMessage.MessageAck::new),
                s.map(AppMessage.FileAck::new),
                s.map(AppMessage.Error::new),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(k -> "x-" + k)
                        .set().ofMinSize(1).ofMaxSize(3).map(AppMessage.Ignored::new));
    }

    @Property(tries = 400)
    void roundTrips(@ForAll("messages") AppMessage m) throws Exception {
        assertThat(AppMessageCodec.decode(AppMessageCodec.encode(m))).isEqualTo(m);
    }

    @Property(tries = 500)
    void garbageIsATypedError(@ForAll String garbage) {
        try {
            AppMessageCodec.decode(garbage.getBytes(StandardCharsets.UTF_8));
        } catch (PeerProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1)
    void pythonMessagesDecode() throws Exception {
        String transit = "{\"transit\": {\"abilities-v1\": [{\"type\": \"direct-tcp-v1\"}, {\"type\": \"relay-v1\"}], \"hints-v1\":"
                + " [{\"type\": \"direct-tcp-v1\", \"priority\": 0.0, \"hostname\": \"127.0.0.1\", \"port\": 40963},"
                + " {\"type\": \"tor-tcp-v1\", \"priority\": 0.0, \"hostname\": \"x.onion\", \"port\": 80},"
                + " {\"type\": \"direct-tcp-v1\", \"priority\": 0.0, \"hostname\": \"bad\", \"port\": \"80\"},"
                + " {\"type\": \"relay-v1\", \"hints\": [{\"type\": \"direct-tcp-v1\", \"priority\": 0.0, \"hostname\": \"127.0.0.1\", \"port\": 4003}]}]}}";
        assertThat(AppMessageCodec.decode(transit.getBytes(StandardCharsets.UTF_8))).isEqualTo(new AppMessage.Transit(
                new TransitHints(List.of(new TcpHint("127.0.0.1", 40963, 0.0)), List.of(new TcpHint("127.0.0.1", 4003, 0.0)))));
        assertThat(AppMessageCodec.decode("{\"offer\": {\"file\": {\"filename\": \"small.txt\", \"filesize\": 11}}}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(new AppMessage.FileOffer("small.txt", 11));
        assertThat(AppMessageCodec.decode("{\"answer\": {\"file_ack\": \"ok\"}}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new AppMessage.FileAck("ok"));
        assertThat(AppMessageCodec.decode("{\"app_versions\": {}}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new AppMessage.Ignored(Set.of("app_versions")));
    }
}
