package org.annexp2p.tor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.annexp2p.repository.creds.PrivateFile;
import org.annexp2p.tor.privnet.PrivateTorNetwork;
import org.annexp2p.tor.privnet.PrivateTorNetworkExtension;
import org.annexp2p.transports.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PrivateTorNetworkExtension.class)
class OnionServiceIT {

    static TorOptions options(PrivateTorNetwork net, Path state) {
        return TorOptions.defaults(state).withPolicy(TorPolicy.LAUNCH).withExtraTorrc(net.joinTorrc())
                .withTimeouts(Duration.ofSeconds(90), Duration.ofSeconds(30));
    }

    /** git-annex's way: tor forwards the onion to a unix socket. */
    @Test
    void anOnionOnAUnixSocketIsReachable(PrivateTorNetwork net, @TempDir Path dir) throws Exception {
        try (TorSession tor = TorSession.open(options(net, dir.resolve("state")));
                OnionListener listener = OnionListener.openUnix(tor, PrivateFile.in(dir, "key"), 39140, dir.resolve("sock/s"))) {
            EchoServer.start(listener);
            Reachability r = tor.measure(listener.service(), Duration.ofSeconds(90));
            System.out.println("time-to-reachable (onion on a unix socket): " + r);
            OnionService s = listener.service();
            assertThat(s.torAnnexAddress().format()).startsWith("tor-annex::").endsWith(".onion:39140");
            // through the port git-annex uses, as git-annex would dial it
            // (another tor than the service's: its first dial to the onion is patient, as our clients' are)
            try (Connection c = org.annexp2p.tor.testing.PatientDial.fromGitAnnexSocks(net, s.torAnnexAddress().format())) {
                c.output().write("hi\n".getBytes());
                c.output().flush();
                assertThat(new String(c.input().readNBytes(3))).isEqualTo("hi\n");
            }
        }
        assertThat(dir.resolve("sock/s")).doesNotExist();
    }

    @Test
    void launchedTorJoinsPublishesAStableOnionAndReachesIt(PrivateTorNetwork net, @TempDir Path dir) throws Exception {
        PrivateFile key = PrivateFile.in(dir.resolve("creds"), "onion.key");
        String firstAddress;
        try (TorSession tor = TorSession.open(options(net, dir.resolve("state")));
                OnionListener listener = OnionListener.open(tor, key, 4242)) {
            assertThat(tor.launched()).isTrue();
            Thread acceptor = EchoServer.start(listener);
            // like git-annex's check, something must answer on the connection, not just tor accept it
            Reachability r = tor.measure(listener.service(), Duration.ofSeconds(90), c -> {
                c.output().write('?');
                c.output().flush();
                if (c.input().read() != '?') {
                    throw new java.io.IOException("the echo did not answer");
                }
            });
            System.out.println("time-to-reachable (launched tor on the private network): " + r);
            assertThat(tor.bootstrap().progress()).isEqualTo(100);
            assertThat(listener.service().uploadedAt()).isPresent();
            firstAddress = listener.address();
            try (Connection c = tor.socksDialer().dial(listener.address(), Duration.ofSeconds(30))) {
                c.output().write("hello\n".getBytes());
                c.output().flush();
                assertThat(new String(c.input().readNBytes(6))).isEqualTo("hello\n");
            }
            acceptor.interrupt();
        }
        assertThat(Files.getPosixFilePermissions(key.path())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (TorSession tor = TorSession.open(options(net, dir.resolve("state")));
                OnionListener listener = OnionListener.open(tor, key, 4242)) {
            assertThat(listener.address()).isEqualTo(firstAddress);
        }
    }
}
