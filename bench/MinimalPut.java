import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bench's floor for a verified PUT in Java: a p2pstdio server that does only what any verifying server must
 * (read the DATA, write it to a file, SHA-256 it, fsync) the way ours does it (hash on a second thread, flush to
 * disk every 64 MiB on a third), with no repository, location log, checks or interpreter. Timed with the
 * sendfile-only client beside our server, it shows how much of a PUT's time is ours and how much is the JVM's
 * and the machine's. One PUT of a SHA256 key per run.
 *
 * <p>Usage: {@code java MinimalPut DIR} (writes DIR/object)
 */
public final class MinimalPut {
    private static final int CHUNK = 256 * 1024;
    private static final long FLUSH_EVERY = 64L << 20;

    private static final InputStream IN = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 64 * 1024);
    private static final OutputStream OUT = new FileOutputStream(FileDescriptor.out);

    public static void main(String[] args) throws Exception {
        send("AUTH-SUCCESS 00000000-0000-4000-8000-000000f100e5");
        expect("VERSION");
        send("VERSION 1");
        String put = expect("PUT");
        String wanted = put.substring(put.indexOf("--") + 2).replaceAll("\\..*", "");
        send("PUT-FROM 0");
        long length = Long.parseLong(expect("DATA").substring(5));
        String got = receive(Path.of(args[0], "object"), length);
        expect("VALID");
        send(got.equals(wanted) ? "SUCCESS" : "FAILURE");
    }

    private static String receive(Path file, long length) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(4);
        BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(5);
        BlockingQueue<Integer> lengths = new ArrayBlockingQueue<>(5);
        for (int i = 0; i < 4; i++) {
            free.add(new byte[CHUNK]);
        }
        Thread hasher = new Thread(() -> {
            try {
                for (int n; (n = lengths.take()) >= 0; ) {
                    byte[] b = full.take();
                    sha.update(b, 0, n);
                    free.add(b);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // Daemons: a client that hangs up mid-transfer ends the run with an error instead of leaving them waiting.
        hasher.setDaemon(true);
        hasher.start();
        AtomicLong written = new AtomicLong();
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            FileChannel channel = out.getChannel();
            Thread flusher = new Thread(() -> flushWhileWriting(channel, written));
            flusher.setDaemon(true);
            flusher.start();
            for (long left = length; left > 0; ) {
                byte[] b = free.take();
                int n = IN.read(b, 0, (int) Math.min(CHUNK, left));
                if (n < 0) {
                    throw new IOException("the client hung up in the middle of the data");
                }
                out.write(b, 0, n);
                written.addAndGet(n);
                left -= n;
                full.put(b);
                lengths.put(n);
            }
            written.set(-1);
            flusher.join();
            channel.force(true);
        }
        lengths.put(-1);
        hasher.join();
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void flushWhileWriting(FileChannel channel, AtomicLong written) {
        try {
            for (long flushed = 0, w; (w = written.get()) >= 0; ) {
                if (w - flushed >= FLUSH_EVERY) {
                    channel.force(false);
                    flushed = w;
                } else {
                    Thread.sleep(5);
                }
            }
        } catch (IOException | InterruptedException e) {
            // Early flushing only shortens the final fsync, which still runs.
        }
    }

    private static void send(String line) throws IOException {
        OUT.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        OUT.flush();
    }

    private static String expect(String command) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = IN.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("the client hung up while we waited for " + command);
            }
            line.append((char) c);
        }
        if (!line.toString().startsWith(command)) {
            throw new IOException("expected " + command + ", got: " + line);
        }
        return line.toString();
    }
}
