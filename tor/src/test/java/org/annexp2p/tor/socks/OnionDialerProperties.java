package org.annexp2p.tor.socks;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.annexp2p.tor.onion.OnionAddressException;

class OnionDialerProperties {

    @Property
    void anyDialStringIsAnOnionOrATypedError(@ForAll String text) {
        for (String candidate : new String[] {text, OnionDialerTest.ONION + ":" + text, text + ".onion:80"}) {
            try {
                OnionDialer.HostPort hp = OnionDialer.parse(candidate);
                assertThat(hp.host()).endsWith(".onion");
                assertThat(hp.port()).isBetween(1, 65535);
            } catch (OnionAddressException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }
}
