package org.annexp2p.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.annexp2p.pairing.selfip.SelfIp;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.tcp.KeyPin;
import org.annexp2p.transports.tcp.TcpAddress;
import org.annexp2p.transports.tcp.TcpTransport;
import org.annexp2p.transports.tcp.TlsAddress;
import org.annexp2p.transports.tcp.TlsServerKey;
import org.annexp2p.transports.tcp.TlsTransport;

/**
 * {@code serve --listen} over TLS: the repository's server key, kept in {@code .git/annex/creds/tls-identity.pem}
 * (mode 0600, written by pairing's {@link TlsIdentity} as the LAN identity is), and the pinned addresses to give
 * clients. One key per repository, made on first use, so its {@code tls://} addresses stay valid across restarts.
 */
final class ServeTls {

    static final String IDENTITY_FILE = "tls-identity.pem";

    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private ServeTls() {
    }

    /** Binds {@code --listen} as {@link ListenPlan} decides, printing its warning if it has one. */
    static Listener listen(TcpTransport tcp, String listen, Path credsDir) throws IOException {
        ListenPlan plan = ListenPlan.choose(listen);
        plan.warning().ifPresent(System.err::println);
        return plan.tls() ? new TlsTransport(tcp).listen(plan.bind(), key(identity(credsDir))) : tcp.listen(plan.bind());
    }

    /**
     * The serve banner for a listener at {@code address}: its {@code tcp://} address, or its pinned {@code tls://}
     * one, and where it listens on every interface, the addresses clients on the LAN can dial.
     */
    static List<String> banner(String what, String address) {
        if (!address.startsWith(TlsAddress.SCHEME)) {
            return List.of("serving " + what + " on tcp://" + address);
        }
        TlsAddress tls = TlsAddress.parse(address);
        List<String> lines = new ArrayList<>();
        lines.add("serving " + what + " on " + tls + " (TLS; clients need this pin)");
        if (isWildcard(tls.endpoint().host())) {
            List<InetAddress> own = SelfIp.privateInterfaceAddresses();
            for (InetAddress a : own) {
                lines.add("  clients on the LAN: --address " + at(a.getHostAddress().replaceFirst("%.*", ""), tls));
            }
            if (own.isEmpty()) {
                lines.add("  clients: --address tls://HOST:" + tls.endpoint().port() + "/" + tls.pin() + ", HOST being this machine's address");
            }
        }
        return lines;
    }

    /** The line {@code token} and {@code p2p --gen-addresses} add: where {@code serve --listen} clients connect. */
    static String clientHint(Path credsDir) throws IOException {
        return "annex-p2p: `annex-p2p serve --listen HOST:PORT` serves TLS: its clients use --address tls://HOST:PORT/"
                + pin(identity(credsDir)) + " (and the token)";
    }

    /** The repository's server identity, made and saved (0600) on first use. */
    static TlsIdentity identity(Path credsDir) throws IOException {
        Path file = credsDir.resolve(IDENTITY_FILE);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            refuseUnlessPrivate(file);
            return TlsIdentity.load(file);
        }
        if (!Files.isDirectory(credsDir)) {
            Files.createDirectories(credsDir.getParent());
            Files.createDirectory(credsDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        TlsIdentity fresh = TlsIdentity.generate("annex-p2p");
        fresh.save(file);
        return fresh;
    }

    static TlsServerKey key(TlsIdentity identity) {
        return new TlsServerKey(identity.keyPair().getPrivate(), identity.certificate());
    }

    static KeyPin pin(TlsIdentity identity) {
        return KeyPin.of(identity.keyPair().getPublic());
    }

    /** As the creds files: a key others could read (or a link to one) is refused rather than used. */
    private static void refuseUnlessPrivate(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("refusing to use " + file + ": not a regular file");
        }
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return;
        }
        if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
            throw new IOException("refusing to use " + file + ": group or others may access it (mode "
                    + PosixFilePermissions.toString(perms) + "); run chmod 600 " + file);
        }
    }

    private static boolean isWildcard(String host) {
        try {
            return InetAddress.getByName(host).isAnyLocalAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static TlsAddress at(String host, TlsAddress tls) {
        return new TlsAddress(new TcpAddress(host, tls.endpoint().port()), tls.pin());
    }
}
