package org.annexp2p.session.plugin.net;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** Every address a helper may be given reads back as it was written, colons in the address and all. */
class NetworkAddressProperties {

    @Property
    void writtenAddressesReadBackUnchanged(
            @ForAll @AlphaChars @NumericChars @Chars({'_', '-'}) @StringLength(min = 1, max = 20) String netName,
            @ForAll @AlphaChars @NumericChars @Chars({':', '.', '[', ']', '/', '=', '-'}) @StringLength(min = 1, max = 60) String address) {
        net.jqwik.api.Assume.that(!address.startsWith("-") && !address.equals("address"));
        NetworkAddress a = new NetworkAddress(netName, address);
        assertThat(NetworkAddress.parse(a.toString())).isEqualTo(a);
    }
}
