package org.annexp2p.tor.control;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ControlEndpointProperties {

    @Property
    void tcpAddressesRoundTrip(@ForAll @IntRange(min = 1, max = 65535) int port) {
        ControlEndpoint e = new ControlEndpoint.Tcp("127.0.0.1", port);
        assertThat(ControlEndpoint.parse(e.toString())).isEqualTo(e);
        ControlEndpoint v6 = new ControlEndpoint.Tcp("::1", port);
        assertThat(ControlEndpoint.parse(v6.toString())).isEqualTo(v6);
    }

    @Property
    void garbageGivesIllegalArgumentOnly(@ForAll String text) {
        try {
            assertThat(ControlEndpoint.parse(text)).isNotNull();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
