package org.annexp2p.wormhole.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.annexp2p.wormhole.PeerProtocolException;

class CodecProperties {

    @Provide
    Arbitrary<ServerMessage> serverMessages() {
        Arbitrary<String> s = Arbitraries.strings().ofMaxLength(20);
        Arbitrary<Optional<String>> o = s.optional();
        return Arbitraries.oneOf(
                Combinators.combine(o, o, o).as(ServerMessage.Welcome::new),
                o.map(ServerMessage.Ack::new),
                s.map(ServerMessage.Allocated::new),
                s.map(ServerMessage.Claimed::new),
                Arbitraries.just(new ServerMessage.Released()),
                Arbitraries.just(new ServerMessage.Closed()),
                s.list().ofMaxSize(5).map(ServerMessage.Nameplates::new),
                Combinators.combine(s, s, Arbitraries.bytes().array(byte[].class).ofMaxSize(50)).as(ServerMessage.Message::new),
                Combinators.combine(s, s).as(ServerMessage.Error::new),
                Arbitraries.longs().map(ServerMessage.Pong::new),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map(t -> "x" + t).map(ServerMessage.Unknown::new));
    }

    @Provide
    Arbitrary<ClientMessage> clientMessages() {
        Arbitrary<String> s = Arbitraries.strings().ofMaxLength(20);
        return Arbitraries.oneOf(
                Combinators.combine(s, s).as(ClientMessage.Bind::new),
                Arbitraries.just(new ClientMessage.ListNameplates()),
                Arbitraries.just(new ClientMessage.Allocate()),
                s.map(ClientMessage.Claim::new),
                s.optional().map(ClientMessage.Release::new),
                s.map(ClientMessage.Open::new),
                Combinators.combine(s, Arbitraries.bytes().array(byte[].class).ofMaxSize(50)).as(ClientMessage.Add::new),
                Combinators.combine(s, s).as(ClientMessage.Close::new),
                Arbitraries.longs().map(ClientMessage.Ping::new));
    }

    @Property(tries = 300)
    void serverMessagesRoundTrip(@ForAll("serverMessages") ServerMessage m) throws Exception {
        assertThat(ServerMessageCodec.decode(ServerMessageCodec.encode(m))).isEqualTo(m);
    }

    @Property(tries = 300)
    void clientMessagesRoundTrip(@ForAll("clientMessages") ClientMessage m) throws Exception {
        String frame = ClientMessageCodec.encode(m, "abcd");
        assertThat(frame).contains("\"id\":\"abcd\"");
        assertThat(ClientMessageCodec.decode(frame)).isEqualTo(m);
    }

    @Property(tries = 500)
    void garbageFromServerIsATypedError(@ForAll String garbage) {
        try {
            ServerMessageCodec.decode(garbage);
        } catch (PeerProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void mangledServerJsonIsATypedError(@ForAll("serverMessages") ServerMessage m, @ForAll int cut) {
        String frame = ServerMessageCodec.encode(m);
        String mangled = frame.substring(0, Math.floorMod(cut, frame.length()));
        try {
            ServerMessageCodec.decode(mangled);
        } catch (PeerProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void garbageFromClientIsATypedError(@ForAll String garbage) {
        try {
            ClientMessageCodec.decode(garbage);
        } catch (PeerProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1)
    void capturedFramesDecode() throws Exception {
        assertThat(ServerMessageCodec.decode("{\"welcome\": {}, \"type\": \"welcome\", \"server_tx\": 1.5}"))
                .isEqualTo(new ServerMessage.Welcome(Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(ServerMessageCodec.decode("{\"id\": null, \"type\": \"ack\"}")).isEqualTo(new ServerMessage.Ack(Optional.empty()));
        assertThat(ServerMessageCodec.decode("{\"nameplates\": [{\"id\": \"3\"}], \"type\": \"nameplates\"}"))
                .isEqualTo(new ServerMessage.Nameplates(List.of("3")));
        assertThat(ServerMessageCodec.decode(
                "{\"error\": \"crowded\", \"orig\": {\"type\": \"claim\", \"nameplate\": \"1\"}, \"type\": \"error\"}"))
                .isEqualTo(new ServerMessage.Error("crowded", "claim"));
        assertThat(ServerMessageCodec.decode("{\"side\": \"ad05f854e8\", \"phase\": \"pake\", \"body\": \"7b7d\", \"id\": \"3ae4\","
                + " \"type\": \"message\", \"server_rx\": 1, \"server_tx\": 2}"))
                .isEqualTo(new ServerMessage.Message("ad05f854e8", "pake", new byte[] {'{', '}'}));
    }
}
