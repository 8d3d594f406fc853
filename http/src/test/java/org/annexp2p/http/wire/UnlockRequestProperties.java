package org.annexp2p.http.wire;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class UnlockRequestProperties {

    @Property
    void encodedRequestsParseBack(@ForAll boolean unlock) {
        assertThat(UnlockRequest.parse(UnlockRequest.encode(unlock)).get()).isEqualTo(unlock);
    }

    @Property
    void anyLineParsesOrIsRefusedWithoutThrowing(@ForAll String line) {
        var parsed = UnlockRequest.parse(line);
        parsed.forEach(u -> assertThat(line).contains(u.toString()));
    }

    @Example
    void hostileLinesAreRefused() {
        for (String bad : new String[] {"", "{", "[]", "{\"unlock\":\"true\"}", "{\"unlock\":1}", "{\"lock\":true}",
                "{\"unlock\":true} {\"unlock\":false}", "null", "{\"unlock\":true" + " ".repeat(300) + "}"}) {
            assertThat(UnlockRequest.parse(bad).isLeft()).as(bad).isTrue();
        }
    }
}
