package org.annexp2p.session.transfer;

import java.util.Locale;

/** How sizes are worded: IEC units for our own commands, the Python wormhole CLI's decimal ones for its. */
public enum ByteUnits {
    /** "512 B", "1.0 KiB", "3.5 MiB". */
    IEC(1024, " B", "KiB", "MiB", "GiB", "TiB"),
    /** As the Python CLI words them: "11 Bytes", "1.0 MB". */
    DECIMAL(1000, " Bytes", "kB", "MB", "GB", "TB");

    private final int base;
    private final String bytes;
    private final String[] larger;

    ByteUnits(int base, String bytes, String... larger) {
        this.base = base;
        this.bytes = bytes;
        this.larger = larger;
    }

    /** {@code n} bytes in these units, one decimal above the byte; the largest unit takes any larger size. */
    public String of(long n) {
        if (n < base) {
            return n + bytes;
        }
        double v = n;
        int u = -1;
        while (v >= base && u < larger.length - 1) {
            v /= base;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, larger[u]);
    }
}
