package org.annexp2p.transports.stdio;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Child program for {@link StdioConnectionTest}: one thread blocks reading stdin (the parent never writes),
 * another blocks writing stdout (the parent never reads); then the connection is closed. Exits 0 only if
 * both threads ended, reporting how on stderr.
 */
public final class StdioCloseProgram {

    private StdioCloseProgram() {
    }

    public static void main(String[] args) throws Exception {
        StdioConnection connection = StdioConnection.ofThisProcess();
        CountDownLatch started = new CountDownLatch(2);
        Thread reader = new Thread(() -> {
            started.countDown();
            try {
                System.err.println("reader ended: read returned " + connection.input().read());
            } catch (IOException e) {
                System.err.println("reader ended: " + e.getClass().getSimpleName());
            }
        });
        Thread writer = new Thread(() -> {
            started.countDown();
            byte[] chunk = new byte[64 * 1024];
            try {
                while (true) {
                    connection.output().write(chunk);
                    connection.output().flush();
                }
            } catch (IOException e) {
                System.err.println("writer ended: " + e.getClass().getSimpleName());
            }
        });
        reader.start();
        writer.start();
        started.await(10, TimeUnit.SECONDS);
        // Give both a moment to block in the kernel; if close comes first they fail at once, which is fine too.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        connection.close();
        reader.join(TimeUnit.SECONDS.toMillis(20));
        writer.join(TimeUnit.SECONDS.toMillis(20));
        System.exit(reader.isAlive() || writer.isAlive() ? 1 : 0);
    }
}
