package org.annexp2p.session.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The words for sizes: IEC for our own commands, decimal as the Python wormhole CLI has them. */
class ByteUnitsTest {
    @Test
    void iecCountsBytesUpTo1023AndThenKibibytes() {
        assertThat(ByteUnits.IEC.of(0)).isEqualTo("0 B");
        assertThat(ByteUnits.IEC.of(1023)).isEqualTo("1023 B");
        assertThat(ByteUnits.IEC.of(1024)).isEqualTo("1.0 KiB");
        assertThat(ByteUnits.IEC.of(7 * 512 * 1024)).isEqualTo("3.5 MiB");
        assertThat(ByteUnits.IEC.of((1L << 30) - 1)).isEqualTo("1024.0 MiB");
        assertThat(ByteUnits.IEC.of(1L << 30)).isEqualTo("1.0 GiB");
    }

    @Test
    void tebibytesAreTheLargestIecUnit() {
        assertThat(ByteUnits.IEC.of(1L << 40)).isEqualTo("1.0 TiB");
        assertThat(ByteUnits.IEC.of(3L << 50)).isEqualTo("3072.0 TiB");
        assertThat(ByteUnits.IEC.of(Long.MAX_VALUE)).isEqualTo("8388608.0 TiB");
    }

    @Test
    void decimalCountsBytesUpTo999AsThePythonCliDoes() {
        assertThat(ByteUnits.DECIMAL.of(11)).isEqualTo("11 Bytes");
        assertThat(ByteUnits.DECIMAL.of(999)).isEqualTo("999 Bytes");
        assertThat(ByteUnits.DECIMAL.of(1000)).isEqualTo("1.0 kB");
        assertThat(ByteUnits.DECIMAL.of(1_000_000)).isEqualTo("1.0 MB");
        assertThat(ByteUnits.DECIMAL.of(2_500_000_000L)).isEqualTo("2.5 GB");
        assertThat(ByteUnits.DECIMAL.of(4_000_000_000_000_000L)).isEqualTo("4000.0 TB");
    }
}
