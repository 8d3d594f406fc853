package org.annexp2p.http.server;

import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.annexp2p.protocol.conversation.ServerMode;

/**
 * What {@code p2phttp}'s options say, as plain values, and what they make: the server's {@link P2pHttpServer.Settings}
 * and the notices a user should read before it starts. The choices {@code git annex p2phttp} leaves open are made
 * here, once: a plain-HTTP server listens on loopback unless told otherwise, so nothing plaintext is on a network
 * by accident.
 */
public record ServerSettings(Option<String> bind, int port, Option<Path> socket, HttpsIdentityFiles https,
        Access access, int lockedFiles) {

    /** The certificate options as given: none for plain HTTP; a certificate without its key is refused. */
    public record HttpsIdentityFiles(Option<Path> certificate, Option<Path> privateKey, Option<Path> chain) {}

    /** Who may do what: {@code --authenv}, {@code --authenv-http}, {@code --unauth-*} and {@code --wideopen}. */
    public record Access(boolean authEnv, boolean authEnvHttp, boolean unauthReadOnly, boolean unauthAppendOnly,
            boolean unauthNoLocking, boolean wideOpen) {

        boolean users() {
            return authEnv || authEnvHttp;
        }

        Option<ServerMode> unauthenticated() {
            return Option.of(wideOpen ? ServerMode.READ_WRITE
                    : unauthAppendOnly ? ServerMode.APPEND_ONLY : unauthReadOnly ? ServerMode.READ_ONLY : null);
        }
    }

    /** What to start, and the notes and warnings (each one line, without the program's name) to show first. */
    public record Plan(P2pHttpServer.Settings server, List<String> notices) {
        public String scheme() {
            return server.tls().isDefined() ? "https" : "http";
        }

        /** Where git-annex reaches a server bound to {@code bound}: its URL and the annexUrl scheme, or its unix socket. */
        public String location(SocketAddress bound) {
            if (bound instanceof UnixDomainSocketAddress socket) {
                return "unix socket " + socket.getPath() + " (" + scheme() + " to /git-annex/, for a proxy to forward annex+"
                        + scheme() + " to)";
            }
            InetSocketAddress tcp = (InetSocketAddress) bound;
            String host = tcp.getAddress().getHostAddress();
            return scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + tcp.getPort()
                    + "/git-annex/ (annex+" + scheme() + ")";
        }

        /** The annexUrl a client on this machine gives for a server bound to {@code bound} (loopback for a wildcard). */
        public String annexUrl(InetSocketAddress bound) {
            InetAddress address = bound.getAddress();
            String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
            return "annex+" + scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort()
                    + "/git-annex/";
        }
    }

    /** How many requests are served at once. */
    static final int REQUESTS = 256;

    /**
     * The server these settings describe, with users read from {@code environment} when {@code --authenv} asks.
     *
     * @throws IllegalArgumentException (its message one line) when the options cannot go together
     */
    public Plan plan(Map<String, String> environment) {
        Option<HttpsIdentity> tls = identity(https);
        Users users = access.users() ? Users.fromEnvironment(environment) : Users.none();
        List<String> notices = notes(tls.isDefined(), users);
        AuthPolicy policy = new AuthPolicy(access.unauthenticated(), !access.unauthNoLocking(), access.authEnv(),
                access.authEnvHttp(), users);
        String listen = listenAddress(bind, tls.isDefined());
        // A unix socket is reached from this machine alone, as loopback is: nothing crosses a network.
        if (tls.isEmpty() && socket.isEmpty() && !isLoopback(listen)) {
            notices.add("warning: serving plain HTTP on " + listen + ": what it serves (and any password) crosses the "
                    + "network unencrypted; use --certfile/--privatekeyfile or a TLS proxy");
        }
        return new Plan(new P2pHttpServer.Settings(listen, port, tls, policy, REQUESTS, lockedFiles,
                P2pHttpServer.Settings.DEFAULT_IDLE, socket), List.copyOf(notices));
    }

    private static Option<HttpsIdentity> identity(HttpsIdentityFiles files) {
        if (files.certificate().isEmpty() && files.privateKey().isEmpty()) {
            return Option.none();
        }
        if (files.certificate().isEmpty() || files.privateKey().isEmpty()) {
            throw new IllegalArgumentException("You must use both --certfile and --privatekeyfile options to enable HTTPS.");
        }
        return Option.some(new HttpsIdentity(files.certificate().get(), files.privateKey().get(), files.chain()));
    }

    private List<String> notes(boolean https, Users users) {
        List<String> notes = new ArrayList<>();
        if (access.users() && users.isEmpty()) {
            notes.add("note: no GIT_ANNEX_P2PHTTP_PASSWORD_<user> in the environment: nobody can log in");
        }
        if (access.authEnv() && !access.authEnvHttp() && !https) {
            notes.add("note: --authenv checks passwords over HTTPS only, and this server is plain HTTP "
                    + "(--certfile/--privatekeyfile, or --authenv-http)");
        }
        if (access.unauthenticated().isEmpty() && !access.users()) {
            notes.add("note: every request will be refused: choose --wideopen, --unauth-readonly, "
                    + "--unauth-appendonly or --authenv");
        }
        return notes;
    }

    /** Where to listen: what --bind says, else everywhere with HTTPS and loopback alone with plain HTTP. */
    static String listenAddress(Option<String> bind, boolean https) {
        return bind.getOrElse(https ? P2pHttpServer.ALL : "127.0.0.1");
    }

    static boolean isLoopback(String address) {
        try {
            return !address.equals(P2pHttpServer.ALL) && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
