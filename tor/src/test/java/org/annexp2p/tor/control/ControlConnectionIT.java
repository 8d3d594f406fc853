package org.annexp2p.tor.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.annexp2p.tor.TorException;
import org.annexp2p.tor.TorException.Reason;
import org.annexp2p.tor.testing.OfflineTor;
import org.annexp2p.tor.testing.TorProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against real tor 0.4.9 running with DisableNetwork 1 (no network at all). */
class ControlConnectionIT {

    static final Duration T = Duration.ofSeconds(15);

    @AfterAll
    static void noTorLeaked() {
        assertThat(TorProcesses.torChildren(java.util.Set.of())).as("tor processes left running").isEmpty();
    }

    @Test
    void safeCookieOverTcpAndOverTheControlSocket(@TempDir Path dir) throws Exception {
        try (OfflineTor tor = OfflineTor.start(dir, "CookieAuthentication 1")) {
            for (ControlEndpoint e : List.of(tor.tcp(), tor.unix())) {
                try (ControlConnection c = ControlConnection.open(e, ControlAuth.automatic(), T, T)) {
                    assertThat(c.torVersion()).startsWith("0.");
                    assertThat(c.getInfo("version")).startsWith(c.torVersion());
                    assertThat(c.bootstrapPhase()).isPresent();
                    assertThat(c.getConf("DisableNetwork")).containsExactly("1");
                    assertThat(c.getConf("CookieAuthentication")).containsExactly("1");
                    ControlConnection.AddedOnion added = c.addOnion("NEW:ED25519-V3", Map.of(80, "127.0.0.1:9"), List.of());
                    assertThat(added.serviceId()).hasSize(56);
                    assertThat(added.privateKey()).isPresent();
                    assertThat(c.getInfo("onions/current")).contains(added.serviceId());
                    c.delOnion(added.serviceId());
                    assertThatThrownBy(() -> c.delOnion(added.serviceId())).isInstanceOf(TorException.class)
                            .hasMessageContaining("refused DEL_ONION").hasMessageContaining("Unknown Onion Service id")
                            .extracting(x -> ((TorException) x).reason()).isEqualTo(Reason.COMMAND_REFUSED);
                }
            }
        }
    }

    @Test
    void aWrongCookieIsRefusedWithAClearMessage(@TempDir Path dir) throws Exception {
        try (OfflineTor tor = OfflineTor.start(dir.resolve("tor"), "CookieAuthentication 1")) {
            Path wrong = dir.resolve("wrong-cookie");
            Files.write(wrong, new byte[32]);
            assertThatThrownBy(() -> ControlConnection.open(tor.tcp(), ControlAuth.cookie(wrong), T, T))
                    .isInstanceOf(TorException.class).hasMessageContaining("wrong cookie file")
                    .extracting(x -> ((TorException) x).reason()).isEqualTo(Reason.AUTH_REFUSED);
            Path shortCookie = dir.resolve("short-cookie");
            Files.write(shortCookie, new byte[5]);
            assertThatThrownBy(() -> ControlConnection.open(tor.tcp(), ControlAuth.cookie(shortCookie), T, T))
                    .hasMessageContaining("has 5 bytes instead of 32");
            assertThatThrownBy(() -> ControlConnection.open(tor.tcp(), ControlAuth.cookie(dir.resolve("absent")), T, T))
                    .hasMessageContaining("cannot read tor's control cookie");
        }
    }

    @Test
    void hashedPasswordRightAndWrong(@TempDir Path dir) throws Exception {
        String hash = OfflineTor.hashPassword("s3cret pass");
        try (OfflineTor tor = OfflineTor.start(dir, "HashedControlPassword " + hash)) {
            try (ControlConnection c = ControlConnection.open(tor.tcp(), ControlAuth.password("s3cret pass"), T, T)) {
                assertThat(c.getInfo("version")).isNotBlank();
            }
            assertThatThrownBy(() -> ControlConnection.open(tor.tcp(), ControlAuth.password("wrong"), T, T))
                    .isInstanceOf(TorException.class).hasMessageContaining("refused authentication with the password")
                    .hasMessageNotContaining("wrong\"").extracting(x -> ((TorException) x).reason()).isEqualTo(Reason.AUTH_REFUSED);
            assertThatThrownBy(() -> ControlConnection.open(tor.tcp(), ControlAuth.automatic(), T, T))
                    .hasMessageContaining("give the control password");
        }
    }

    @Test
    void noAuthenticationWhenTorAsksForNone(@TempDir Path dir) throws Exception {
        try (OfflineTor tor = OfflineTor.start(dir, "CookieAuthentication 0");
                ControlConnection c = ControlConnection.open(tor.unix(), ControlAuth.automatic(), T, T)) {
            assertThat(c.getInfo("version")).isNotBlank();
        }
    }

    @Test
    void torDyingIsReportedAndLaterCommandsFailFast(@TempDir Path dir) throws Exception {
        try (OfflineTor tor = OfflineTor.start(dir, "CookieAuthentication 1");
                ControlConnection c = ControlConnection.open(tor.unix(), ControlAuth.automatic(), T, T)) {
            LinkedBlockingQueue<TorEvent> events = new LinkedBlockingQueue<>();
            c.addListener(events::add);
            tor.kill();
            TorEvent lost = null;
            for (TorEvent e = events.poll(10, TimeUnit.SECONDS); e != null; e = events.poll(10, TimeUnit.SECONDS)) {
                if (e instanceof TorEvent.ConnectionLost) {
                    lost = e;
                    break;
                }
            }
            assertThat(lost).isEqualTo(new TorEvent.ConnectionLost(tor.unix().toString()));
            assertThat(c.isAlive()).isFalse();
            assertThatThrownBy(() -> c.getInfo("version")).extracting(x -> ((TorException) x).reason()).isEqualTo(Reason.DIED);
        }
    }

    @Test
    void aDeadControlSocketOrPortSaysTorIsNotRunning(@TempDir Path dir) throws Exception {
        ControlEndpoint.Unix socket;
        try (OfflineTor tor = OfflineTor.start(dir, "CookieAuthentication 1")) {
            socket = tor.unix();
            tor.kill();
        }
        assertThatThrownBy(() -> ControlConnection.open(socket, ControlAuth.automatic(), T, T))
                .isInstanceOf(TorException.class).hasMessageContaining("no tor control port at unix:")
                .extracting(x -> ((TorException) x).reason()).isEqualTo(Reason.NOT_RUNNING);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> ControlConnection.open(new ControlEndpoint.Tcp("127.0.0.1", port), ControlAuth.automatic(), T, T))
                .extracting(x -> ((TorException) x).reason()).isEqualTo(Reason.NOT_RUNNING);
    }

    /** A "tor" that authenticates, then never answers: every command must still return within its timeout. */
    @Test
    void aHungTorTimesOutInsteadOfBlocking() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread fake = new Thread(() -> {
                try (Socket s = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    OutputStream out = s.getOutputStream();
                    in.readLine();
                    out.write("250-PROTOCOLINFO 1\r\n250-AUTH METHODS=NULL\r\n250-VERSION Tor=\"0.4.9.11\"\r\n250 OK\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    in.readLine();
                    out.write("250 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                    in.readLine();
                    out.write("250 OK\r\n".getBytes(StandardCharsets.US_ASCII)); // SETEVENTS
                    while (in.readLine() != null) {
                        // swallow every further command without answering
                    }
                } catch (java.io.IOException ignored) {
                    // the test closed the connection
                }
            }, "hung-tor");
            fake.setDaemon(true);
            fake.start();
            ControlEndpoint e = new ControlEndpoint.Tcp("127.0.0.1", server.getLocalPort());
            try (ControlConnection c = ControlConnection.open(e, ControlAuth.automatic(), T, Duration.ofMillis(500))) {
                assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                        assertThatThrownBy(() -> c.getInfo("version")).isInstanceOf(TorException.class)
                                .hasMessageContaining("did not answer GETINFO version")
                                .extracting(x -> ((TorException) x).reason()).isEqualTo(Reason.TIMEOUT));
                assertThat(c.isAlive()).isFalse();
            }
            fake.join(10_000);
            assertThat(fake.isAlive()).isFalse();
        }
    }
}
