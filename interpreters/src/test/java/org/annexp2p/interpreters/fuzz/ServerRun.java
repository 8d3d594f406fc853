package org.annexp2p.interpreters.fuzz;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.transports.contract.RecordingAdmission;

/**
 * Runs one conversation through {@link Serving#handle} on a server thread, as a connection server would, and
 * reports what came out of it: the bytes the server wrote and any exception that escaped the handler.
 *
 * <p>The bound is a hang detector, not a performance limit: a handler that has not returned long after its
 * input ran out is waiting for something that will never come.
 */
final class ServerRun implements AutoCloseable {
    static final Duration HANG = Duration.ofSeconds(Long.getLong("fuzz.hang.seconds", 60));

    record Result(byte[] written, Throwable escaped) {}

    private final Serving serving;
    private volatile Thread serverThread;
    private final ExecutorService server = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzzed server");
        t.setDaemon(true);
        serverThread = t;
        return t;
    });

    ServerRun(Serving serving) {
        this.serving = serving;
    }

    Result run(byte[] sent, Object shown) throws InterruptedException {
        BytesConnection connection = new BytesConnection(sent);
        Future<?> handled = server.submit(() -> {
            serving.handle(connection, new RecordingAdmission());
            return null;
        });
        Throwable escaped = null;
        try {
            handled.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            escaped = e.getCause();
        } catch (TimeoutException e) {
            // Where it is stuck is the finding; take it before cancelling moves it.
            StringBuilder where = new StringBuilder();
            Thread t = serverThread;
            if (t != null) {
                for (StackTraceElement frame : t.getStackTrace()) {
                    where.append("\n\tat ").append(frame);
                }
            }
            handled.cancel(true);
            throw new AssertionError("the server still had not finished " + HANG + " after its input ran out: " + shown
                    + "\nserver thread:" + where);
        }
        return new Result(connection.written(), escaped);
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        if (!server.awaitTermination(HANG.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the fuzzed server thread did not end");
        }
    }
}
