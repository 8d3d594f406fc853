package org.annexp2p.http.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A response body read as a stream whose reads give up when the server has been silent past the request's
 * {@link Patience}: the JDK's own stream ({@code BodyHandlers.ofInputStream}) blocks for ever on a server that sent
 * its headers and then nothing. Each delivery of bytes counts as progress. One batch of buffers is asked for at a
 * time, so a fast server is held back by the reader, not buffered in memory.
 */
final class PatientBody implements HttpResponse.BodySubscriber<InputStream> {
    private static final Object END = new Object();

    private final Patience patience;
    private final Supplier<IOException> silent;
    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private final Body body = new Body();

    PatientBody(Patience patience, Supplier<IOException> silent) {
        this.patience = patience;
        this.silent = silent;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (subscription.complete(s)) {
            s.request(1);
        } else {
            s.cancel();
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        patience.moved();
        arrived.add(items);
    }

    @Override
    public void onError(Throwable failure) {
        arrived.add(failure);
    }

    @Override
    public void onComplete() {
        arrived.add(END);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedFuture(body);
    }

    private void cancel() {
        Flow.Subscription s = subscription.getNow(null);
        if (s != null) {
            s.cancel();
        }
    }

    private final class Body extends InputStream {
        private Iterator<ByteBuffer> batch = Collections.emptyIterator();
        private ByteBuffer current = ByteBuffer.allocate(0);
        private boolean ended;
        private boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            while (!current.hasRemaining()) {
                if (batch.hasNext()) {
                    current = batch.next();
                } else if (ended) {
                    return -1;
                } else {
                    next();
                }
            }
            int n = Math.min(len, current.remaining());
            current.get(b, off, n);
            return n;
        }

        @Override
        public int available() {
            return current.remaining();
        }

        @SuppressWarnings("unchecked")
        private void next() throws IOException {
            if (closed) {
                throw new IOException("the download was closed");
            }
            Object o;
            try {
                do {
                    long left = patience.leftNanos();
                    if (left <= 0) {
                        cancel();
                        throw silent.get();
                    }
                    o = arrived.poll(left, TimeUnit.NANOSECONDS);
                } while (o == null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                throw new InterruptedIOException("interrupted");
            }
            if (o == END) {
                ended = true;
            } else if (o instanceof Throwable t) {
                // Put back, so that every later read fails the same way instead of waiting.
                arrived.add(t);
                throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
            } else {
                batch = ((List<ByteBuffer>) o).iterator();
                subscription.join().request(1);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                cancel();
            }
        }
    }
}
