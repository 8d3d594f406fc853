package org.annexp2p.wormhole.spake2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class Spake2Properties {

    @Property(tries = 15)
    void samePasswordGivesSameKey(@ForAll @Size(max = 40) byte[] password, @ForAll @Size(max = 20) byte[] id) throws Exception {
        Spake2Symmetric a = Spake2Symmetric.start(password, id);
        Spake2Symmetric b = Spake2Symmetric.start(password, id);
        assertThat(a.finish(b.outboundMessage())).isEqualTo(b.finish(a.outboundMessage()));
    }

    @Property(tries = 10)
    void differentPasswordsGiveDifferentKeys(@ForAll @Size(min = 1, max = 20) byte[] password) throws Exception {
        byte[] other = password.clone();
        other[0] ^= 1;
        Spake2Symmetric a = Spake2Symmetric.start(password, new byte[0]);
        Spake2Symmetric b = Spake2Symmetric.start(other, new byte[0]);
        assertThat(a.finish(b.outboundMessage())).isNotEqualTo(b.finish(a.outboundMessage()));
    }

    @Property(tries = 100)
    void garbageIsATypedError(@ForAll @Size(max = 40) byte[] garbage) {
        Spake2Symmetric a = Spake2Symmetric.start(new byte[] {1}, new byte[0]);
        if (garbage.length != 33) {
            assertThatThrownBy(() -> a.finish(garbage)).isInstanceOf(Spake2Exception.class);
            return;
        }
        // A message of the right length: a random 32-byte string is now and then a valid prime-order element, which
        // a peer may send (it failed this property once); anything else must be refused with the typed error.
        garbage[0] = 'S';
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> a.finish(garbage));
        assertThat(thrown == null || thrown instanceof Spake2Exception).as("%s", thrown).isTrue();
    }

    @Property(tries = 5)
    void reflectionIsRefused() {
        Spake2Symmetric a = Spake2Symmetric.start(new byte[] {1}, new byte[0]);
        assertThatThrownBy(() -> a.finish(a.outboundMessage()))
                .isInstanceOf(Spake2Exception.class)
                .extracting(e -> ((Spake2Exception) e).reason()).isEqualTo(Spake2Exception.Reason.REFLECTION);
    }
}
