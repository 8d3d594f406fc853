package org.annexp2p.http.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Option;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;
import org.junit.jupiter.api.Test;

class ReplyTest {
    @Test
    void plusUuidsAppearFromV2On() {
        Reply r = new Reply.Stored(true, List.of(new Uuid("u1")));
        assertThat(r.encode(ProtocolVersion.V1)).isEqualTo("{\"stored\":true}");
        assertThat(r.encode(ProtocolVersion.V2)).isEqualTo("{\"stored\":true,\"plusuuids\":[\"u1\"]}");
        assertThat(new Reply.Removed(false, List.empty()).encode(ProtocolVersion.V4)).isEqualTo("{\"removed\":false,\"plusuuids\":[]}");
    }

    @Test
    void repliesHaveGitAnnexsFieldNames() {
        assertThat(new Reply.Present(true).encode(ProtocolVersion.V0)).isEqualTo("{\"present\":true}");
        assertThat(new Reply.Locked(true, Option.some("id")).encode(ProtocolVersion.V0)).isEqualTo("{\"locked\":true,\"lockid\":\"id\"}");
        assertThat(new Reply.Locked(false, Option.none()).encode(ProtocolVersion.V0)).isEqualTo("{\"locked\":false}");
        assertThat(new Reply.Timestamp(42).encode(ProtocolVersion.V3)).isEqualTo("{\"timestamp\":42}");
        assertThat(new Reply.PutOffset(Option.some(7L), List.empty()).encode(ProtocolVersion.V3)).isEqualTo("{\"offset\":7}");
        assertThat(new Reply.PutOffset(Option.none(), List.empty()).encode(ProtocolVersion.V3))
                .isEqualTo("{\"alreadyhave\":true,\"plusuuids\":[]}");
    }
}
