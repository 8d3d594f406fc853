package org.annexp2p.web.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.annexp2p.protocol.key.Key;

/** git-annex's transfer info files and key file names, read back as written. */
class TransferInfoFileProperties {

    @Property
    void theHeaderAndFileReadBack(@ForAll @LongRange(min = 0, max = 4_000_000_000L) long seconds, @ForAll @LongRange(min = 0) long bytes,
            @ForAll("files") String file) {
        TransferInfoFile info = TransferInfoFile.parse(seconds + ".25s " + bytes + "\n" + file + "\n");
        assertThat(info.started()).hasValue(seconds + 0.25);
        assertThat(info.bytes()).hasValue(bytes);
        assertThat(info.file()).isEqualTo(file);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> files() {
        return net.jqwik.api.Arbitraries.strings().ofMaxLength(40).filter(s -> !s.contains("\n"));
    }

    @Property
    void anythingParsesWithoutThrowing(@ForAll String text) {
        TransferInfoFile.parse(text);
    }

    @Property
    void aKeyFileNameReadsBackAsTheKey(@ForAll @StringLength(min = 1, max = 30) String name, @ForAll @LongRange(min = 0) long size) {
        Key key = Key.of("SHA256E", size, "x" + name.replace(' ', '_').replace('\n', '_').replace('\u0000', '_'));
        assertThat(TransferInfoFile.keyOf(key.fileName())).isEqualTo(key.serialize());
    }
}
