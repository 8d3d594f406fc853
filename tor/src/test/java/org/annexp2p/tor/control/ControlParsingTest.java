package org.annexp2p.tor.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ControlParsingTest {

    @Test
    void readsProtocolInfoAsTorSendsIt() {
        ProtocolInfo pi = ProtocolInfo.parse(List.of("PROTOCOLINFO 1",
                "AUTH METHODS=COOKIE,SAFECOOKIE,HASHEDPASSWORD COOKIEFILE=\"/tmp/a \\\"b\\\"/control_auth_cookie\"",
                "VERSION Tor=\"0.4.9.11\"", "OK"));
        assertThat(pi.methods()).isEqualTo(Set.of("COOKIE", "SAFECOOKIE", "HASHEDPASSWORD"));
        assertThat(pi.cookieFile()).contains(Path.of("/tmp/a \"b\"/control_auth_cookie"));
        assertThat(pi.torVersion()).isEqualTo("0.4.9.11");
        assertThat(ProtocolInfo.parse(List.of("AUTH METHODS=NULL", "OK")).cookieFile()).isEmpty();
    }

    @Test
    void parsesControlAddresses() {
        assertThat(ControlEndpoint.parse("127.0.0.1:9051")).isEqualTo(new ControlEndpoint.Tcp("127.0.0.1", 9051));
        assertThat(ControlEndpoint.parse("[::1]:9151")).isEqualTo(new ControlEndpoint.Tcp("::1", 9151));
        assertThat(ControlEndpoint.parse("[::1]:9151").toString()).isEqualTo("[::1]:9151");
        assertThat(ControlEndpoint.parse("9051")).isEqualTo(new ControlEndpoint.Tcp("127.0.0.1", 9051));
        assertThat(ControlEndpoint.parse("unix:/run/tor/control")).isEqualTo(new ControlEndpoint.Unix(Path.of("/run/tor/control")));
        assertThatThrownBy(() -> ControlEndpoint.parse("unix:")).hasMessageContaining("lacks a socket path");
        assertThatThrownBy(() -> ControlEndpoint.parse("localhost:")).hasMessageContaining("no valid port");
        assertThatThrownBy(() -> ControlEndpoint.parse("localhost:99999")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> ControlEndpoint.parse(" ")).hasMessageContaining("empty tor control address");
    }
}
