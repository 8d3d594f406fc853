package org.annexp2p.wormhole.crypto;

import java.util.Random;

/**
 * Not a test: prints the CPU seconds the process spends on N MiB of XSalsa20, Poly1305 and whole secretbox seals and
 * opens in records of the size Transit uses, the first round (a fresh JVM's, compilation included) and the best of six (CPU time, which the load of a
 * shared machine disturbs less than the wall clock). Run: {@code mvn -pl wormhole -am -o -q test-compile} then
 * {@code java -cp wormhole/target/test-classes:wormhole/target/classes org.annexp2p.wormhole.crypto.CipherBenchmark
 * [MiB] [record KiB]}.
 */
public final class CipherBenchmark {

    private CipherBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int record = (args.length > 1 ? Integer.parseInt(args[1]) : 64) << 10;
        int records = (mib << 20) / record;
        byte[] key = new byte[32];
        new Random(1).nextBytes(key);
        SecretBox box = new SecretBox(key);
        int[] keyWords = new int[8];
        byte[] plain = new byte[record];
        new Random(2).nextBytes(plain);
        byte[] sealed = new byte[record + SecretBox.OVERHEAD];
        byte[] nonce = new byte[SecretBox.NONCE_BYTES];
        byte[] tag = new byte[16];
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        for (int round = 0; round < 6; round++) {
            double t0 = cpu();
            for (int i = 0; i < records; i++) {
                new XSalsa20(keyWords, nonce, 0).xor(plain, 0, sealed, SecretBox.OVERHEAD, record);
            }
            double t1 = cpu();
            for (int i = 0; i < records; i++) {
                Poly1305.tag(keyWords, plain, 0, record, tag, 0);
            }
            double t2 = cpu();
            for (int i = 0; i < records; i++) {
                nonce[23] = (byte) i;
                box.seal(nonce, plain, 0, record, sealed, 0);
            }
            double t3 = cpu();
            for (int i = 0; i < records; i++) {
                box.open(sealed, 0, sealed.length, plain, 0);
            }
            double t4 = cpu();
            double[] times = {t1 - t0, t2 - t1, t3 - t2, t4 - t3};
            if (round == 0) {
                System.out.printf("first round, JIT included: XSalsa20 %.3f, Poly1305 %.3f, seal %.3f, open %.3f%n",
                        times[0], times[1], times[2], times[3]);
            }
            for (int k = 0; k < 4; k++) {
                best[k] = Math.min(best[k], times[k]);
            }
        }
        System.out.printf("%d MiB in %d KiB records, CPU seconds, best of 6: XSalsa20 %.3f, Poly1305 %.3f, seal %.3f, open %.3f%n",
                mib, record >> 10, best[0], best[1], best[2], best[3]);
    }

    private static double cpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
    }
}
