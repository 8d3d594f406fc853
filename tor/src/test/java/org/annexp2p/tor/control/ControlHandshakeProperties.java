package org.annexp2p.tor.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.annexp2p.tor.TorException;

class ControlHandshakeProperties {

    @Provide
    Arbitrary<String> replyLines() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().ofMaxLength(40).map(s -> "250-AUTH METHODS=" + s),
                Arbitraries.strings().ofMaxLength(40).map(s -> "250-AUTH METHODS=COOKIE COOKIEFILE=\"" + s + "\""),
                Arbitraries.strings().ofMaxLength(40).map(s -> "250 AUTHCHALLENGE SERVERHASH=" + s + " SERVERNONCE=" + s),
                Arbitraries.of("250 OK", "250-VERSION Tor=\"", "250+x", ".", "515 no", "250-AUTH METHODS=SAFECOOKIE,NULL"));
        return line.list().ofMaxSize(8).map(l -> String.join("\r\n", l) + "\r\n");
    }

    /** Whatever a broken or hostile control port sends, we get a TorException or success, never anything else. */
    @Property
    void anyRepliesEndInSuccessOrATypedError(@ForAll("replyLines") String replies) {
        try {
            ProtocolInfo pi = new ControlHandshake(new ByteArrayInputStream(replies.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), "test").authenticate(ControlAuth.automatic());
            assertThat(pi).isNotNull();
        } catch (TorException e) {
            assertThat(e.getMessage()).isNotBlank();
        } catch (java.io.IOException e) {
            throw new AssertionError("untyped IOException: " + e, e);
        }
    }
}
