package org.annexp2p.tor.control;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import net.freehaven.tor.control.EventHandler;
import net.freehaven.tor.control.TorControlConnection;
import net.freehaven.tor.control.TorControlException;
import org.annexp2p.tor.TorException;
import org.annexp2p.tor.TorException.Reason;

/**
 * One authenticated tor control connection, made safe to use: jtorctl's commands block forever and deliver
 * events on its parse thread, so here every command runs with a timeout (a timed-out connection is closed, which
 * releases the stuck command), and listeners are called on a separate event thread. When tor goes away the
 * listeners get {@link TorEvent.ConnectionLost} exactly once.
 */
public final class ControlConnection implements Closeable {

    /** Events we subscribe to; the set jtorctl and our parser understand. */
    static final List<String> EVENTS = List.of("CIRC", "STATUS_CLIENT", "HS_DESC", "WARN", "ERR");

    private final ControlEndpoint endpoint;
    private final ControlStreams streams;
    private final Commands tor;
    private final Duration commandTimeout;
    private final ProtocolInfo protocolInfo;
    private final ExecutorService commands;
    private final ExecutorService events;
    private final List<Consumer<TorEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closedByUs = new AtomicBoolean();
    private final AtomicBoolean lost = new AtomicBoolean();

    private ControlConnection(ControlEndpoint endpoint, ControlStreams streams, ProtocolInfo protocolInfo,
            Duration commandTimeout) {
        this.endpoint = endpoint;
        this.streams = streams;
        this.protocolInfo = protocolInfo;
        this.commandTimeout = commandTimeout;
        // jtorctl reports only a clean end-of-stream; watching the stream also catches resets and our own closes
        this.tor = new Commands(new WatchedInput(streams.input(), this::connectionLost), streams.output());
        String name = "tor-control " + endpoint;
        this.commands = Executors.newSingleThreadExecutor(daemon(name + " commands"));
        this.events = Executors.newSingleThreadExecutor(daemon(name + " events"));
        tor.setEventHandler(new Dispatcher());
    }

    /**
     * Connects, authenticates and subscribes to events, all within {@code timeout}; every later command is
     * bounded by {@code commandTimeout}.
     */
    public static ControlConnection open(ControlEndpoint endpoint, ControlAuth auth, Duration timeout,
            Duration commandTimeout) throws TorException {
        ControlStreams streams;
        try {
            streams = ControlStreams.connect(endpoint, timeout);
        } catch (IOException e) {
            throw new TorException(Reason.NOT_RUNNING, "no tor control port at " + endpoint + " ("
                    + e.getMessage() + "); start tor with a ControlPort/ControlSocket or let annex-p2p launch its own");
        }
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemon("tor-control watchdog"));
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            timedOut.set(true);
            streams.close();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        ProtocolInfo info;
        try {
            info = new ControlHandshake(streams.input(), streams.output(), endpoint.toString()).authenticate(auth);
        } catch (IOException e) {
            streams.close();
            if (timedOut.get()) {
                throw new TorException(Reason.TIMEOUT, "tor at " + endpoint + " did not complete authentication within "
                        + timeout.toSeconds() + " s; is it overloaded or not a tor control port?");
            }
            if (e instanceof TorException te) {
                throw te;
            }
            throw new TorException(Reason.NOT_RUNNING, "lost the control connection to " + endpoint
                    + " while authenticating (" + e.getMessage() + "); is tor still running?");
        } finally {
            alarm.cancel(false);
            watchdog.shutdownNow();
        }
        ControlConnection c = new ControlConnection(endpoint, streams, info, commandTimeout);
        try {
            c.call("SETEVENTS", () -> {
                c.tor.setEvents(EVENTS);
                return null;
            });
        } catch (TorException e) {
            c.close();
            throw e;
        }
        return c;
    }

    public ControlEndpoint endpoint() {
        return endpoint;
    }

    /** The tor version from PROTOCOLINFO. */
    public String torVersion() {
        return protocolInfo.torVersion();
    }

    /**
     * Listeners run on this connection's event thread, never on the thread that parses tor's replies. A listener
     * added after tor already went away is told so at once, so supervision cannot miss the loss.
     */
    public void addListener(Consumer<TorEvent> listener) {
        listeners.add(listener);
        if (lost.get() && !closedByUs.get()) {
            TorEvent.ConnectionLost event = new TorEvent.ConnectionLost(endpoint.toString());
            Thread t = new Thread(() -> listener.accept(event), "tor-control late loss");
            t.setDaemon(true);
            t.start();
        }
    }

    public void removeListener(Consumer<TorEvent> listener) {
        listeners.remove(listener);
    }

    public boolean isAlive() {
        return !lost.get() && !closedByUs.get();
    }

    public String getInfo(String key) throws TorException {
        String value = call("GETINFO " + key, () -> tor.getInfo(key));
        if (value == null) {
            throw new TorException(Reason.COMMAND_REFUSED, "tor at " + endpoint + " gave no value for GETINFO " + key);
        }
        return value;
    }

    /** Tor's values for the configuration option {@code key} (GETCONF), in its order. */
    public List<String> getConf(String key) throws TorException {
        return call("GETCONF " + key, () -> tor.getConf(key).stream().map(e -> e.value == null ? "" : e.value).toList());
    }

    public Optional<TorEvent.Bootstrap> bootstrapPhase() throws TorException {
        return TorEvents.bootstrapPhase(getInfo("status/bootstrap-phase"));
    }

    public void setConf(Map<String, String> values) throws TorException {
        call("SETCONF", () -> {
            tor.setConf(values);
            return null;
        });
    }

    public void resetConf(List<String> keys) throws TorException {
        call("RESETCONF", () -> {
            tor.resetConf(keys);
            return null;
        });
    }

    public void signal(String signal) throws TorException {
        call("SIGNAL " + signal, () -> {
            tor.signal(signal);
            return null;
        });
    }

    /** Makes tor exit when this connection closes, so a tor we launched never outlives us. */
    public void takeOwnership() throws TorException {
        call("TAKEOWNERSHIP", () -> {
            tor.takeOwnership();
            return null;
        });
    }

    /**
     * ADD_ONION; returns the service id and, for a new key, the private key. The key spec is a secret, so the
     * command is named without it in errors.
     */
    public AddedOnion addOnion(String keySpec, Map<Integer, String> ports, List<String> flags) throws TorException {
        Map<String, String> reply = call("ADD_ONION", () -> tor.addOnion(keySpec, ports, flags));
        String id = reply.get(TorControlConnection.HS_ADDRESS);
        if (id == null) {
            throw new TorException(Reason.COMMAND_REFUSED, "tor at " + endpoint + " answered ADD_ONION without a ServiceID");
        }
        return new AddedOnion(id, Optional.ofNullable(reply.get(TorControlConnection.HS_PRIVKEY)));
    }

    /** What ADD_ONION returned; {@code privateKey} is a secret. */
    public record AddedOnion(String serviceId, Optional<String> privateKey) {
        @Override
        public String toString() {
            return "AddedOnion[" + serviceId + "]";
        }
    }

    /**
     * HSFETCH: fetches the onion service's descriptor again from its directories. Tor keeps the newer of the one it
     * holds and the one fetched, so a client that cached a descriptor of a service that has since restarted (whose
     * old introduction points may still accept and then never answer) learns the new introduction points.
     */
    public void hsFetch(String serviceId) throws TorException {
        if (!serviceId.matches("[a-z2-7]{56}")) {
            throw new IllegalArgumentException("not a v3 onion service id");
        }
        call("HSFETCH", () -> {
            tor.command("HSFETCH " + serviceId);
            return null;
        });
    }

    /** jtorctl has no HSFETCH; its generic send is protected. */
    private static final class Commands extends TorControlConnection {
        Commands(java.io.InputStream in, java.io.OutputStream out) {
            super(in, out);
        }

        void command(String line) throws IOException {
            sendAndWaitForResponse(line + "\r\n", null);
        }
    }

    public void delOnion(String serviceId) throws TorException {
        call("DEL_ONION", () -> {
            tor.delOnion(serviceId);
            return null;
        });
    }

    @FunctionalInterface
    interface Command<T> {
        T run() throws IOException;
    }

    <T> T call(String what, Command<T> command) throws TorException {
        if (closedByUs.get()) {
            throw new TorException(Reason.DIED, "the control connection to tor at " + endpoint + " was closed");
        }
        if (lost.get()) {
            throw new TorException(Reason.DIED, "the control connection to tor at " + endpoint
                    + " is gone; tor stopped or restarted");
        }
        Future<T> f;
        try {
            f = commands.submit(command::run);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new TorException(Reason.DIED, "the control connection to tor at " + endpoint + " is closed");
        }
        try {
            return f.get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // jtorctl would wait forever; closing the streams makes its parse thread release the waiter
            f.cancel(true);
            closeStreams();
            // jtorctl's parse thread may be dead already (it dies on any unchecked exception), so report here too
            connectionLost();
            throw new TorException(Reason.TIMEOUT, "tor at " + endpoint + " did not answer " + what + " within "
                    + commandTimeout.toSeconds() + " s; the connection was closed (tor hung or overloaded?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new TorException(Reason.TIMEOUT, "interrupted while waiting for tor to answer " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TorControlException) {
                throw new TorException(Reason.COMMAND_REFUSED, "tor at " + endpoint + " refused " + what + ": "
                        + cause.getMessage().replaceFirst("^Error reply: ", ""));
            }
            throw new TorException(Reason.DIED, "tor at " + endpoint + " went away during " + what
                    + "; it stopped or crashed, check its log");
        }
    }

    private void connectionLost() {
        if (lost.compareAndSet(false, true)) {
            if (!closedByUs.get()) {
                emit(new TorEvent.ConnectionLost(endpoint.toString()));
            }
            commands.shutdown();
            events.shutdown();
        }
    }

    private void closeStreams() {
        streams.close();
    }

    private void emit(TorEvent event) {
        try {
            events.execute(() -> {
                for (Consumer<TorEvent> l : listeners) {
                    try {
                        l.accept(event);
                    } catch (RuntimeException ignored) {
                        // one faulty listener must not starve the others
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // closed: nobody is listening any more
        }
    }

    @Override
    public void close() {
        if (closedByUs.compareAndSet(false, true)) {
            closeStreams();
            commands.shutdownNow();
            events.shutdown();
        }
    }

    /** Runs on jtorctl's parse thread: parse cheaply, hand over, never block, never throw. */
    private final class Dispatcher implements EventHandler {
        @Override
        public void circuitStatus(String status, String circID, String path) {
            emit(new TorEvent.Circuit(circID, status));
        }

        @Override
        public void streamStatus(String status, String streamID, String target) {
        }

        @Override
        public void orConnStatus(String status, String orName) {
        }

        @Override
        public void bandwidthUsed(long read, long written) {
        }

        @Override
        public void newDescriptors(List<String> orList) {
        }

        @Override
        public void message(String severity, String msg) {
            TorEvents.parse(severity, msg).ifPresent(ControlConnection.this::emit);
        }

        @Override
        public void unrecognized(String type, String msg) {
            TorEvents.parse(type, msg).ifPresent(ControlConnection.this::emit);
        }

        @Override
        public void controlConnectionClosed() {
            connectionLost();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
