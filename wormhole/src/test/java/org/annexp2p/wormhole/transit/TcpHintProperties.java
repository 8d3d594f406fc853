package org.annexp2p.wormhole.transit;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.annexp2p.wormhole.InvalidCodeException;

class TcpHintProperties {

    @Property(tries = 200)
    void endpointsRoundTrip(@ForAll @StringLength(min = 1, max = 30) @net.jqwik.api.constraints.AlphaChars String host,
                            @ForAll @IntRange(min = 1, max = 65535) int port) throws Exception {
        assertThat(TcpHint.parseEndpoint("tcp:" + host + ":" + port)).isEqualTo(new TcpHint(host, port, 0.0));
    }

    @Property(tries = 500)
    void garbageIsATypedError(@ForAll String garbage) {
        try {
            TcpHint hint = TcpHint.parseEndpoint(garbage);
            assertThat(hint.port()).isBetween(1, 65535);
        } catch (InvalidCodeException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
