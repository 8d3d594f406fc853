package org.annexp2p.http.wire;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;

/** The JSON answers of p2phttp's POST routes; {@code plusuuids} appear from v2 on, as in git-annex. */
public sealed interface Reply {
    ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The reply's JSON object for a request of {@code version}. */
    ObjectNode json(ProtocolVersion version);

    default String encode(ProtocolVersion version) {
        return json(version).toString();
    }

    record Present(boolean present) implements Reply {
        @Override
        public ObjectNode json(ProtocolVersion version) {
            return JSON.createObjectNode().put("present", present);
        }
    }

    record Locked(boolean locked, Option<String> lockId) implements Reply {
        @Override
        public ObjectNode json(ProtocolVersion version) {
            ObjectNode o = JSON.createObjectNode().put("locked", locked);
            lockId.forEach(id -> o.put("lockid", BracketedBase64.encode(id)));
            return o;
        }
    }

    record Removed(boolean removed, List<Uuid> plus) implements Reply {
        @Override
        public ObjectNode json(ProtocolVersion version) {
            return withPlus(JSON.createObjectNode().put("removed", removed), plus, version);
        }
    }

    record Timestamp(long seconds) implements Reply {
        @Override
        public ObjectNode json(ProtocolVersion version) {
            return JSON.createObjectNode().put("timestamp", seconds);
        }
    }

    /** putoffset: where to resume; or that the repository already has the content. */
    record PutOffset(Option<Long> offset, List<Uuid> plus) implements Reply {
        @Override
        public ObjectNode json(ProtocolVersion version) {
            return offset.isDefined() ? JSON.createObjectNode().put("offset", offset.get())
                    : withPlus(JSON.createObjectNode().put("alreadyhave", true), plus, version);
        }
    }

    record Stored(boolean stored, List<Uuid> plus) implements Reply {
        @Override
        public ObjectNode json(ProtocolVersion version) {
            return withPlus(JSON.createObjectNode().put("stored", stored), plus, version);
        }
    }

    private static ObjectNode withPlus(ObjectNode o, List<Uuid> plus, ProtocolVersion version) {
        if (version.hasPlusReplies()) {
            ArrayNode a = o.putArray("plusuuids");
            plus.forEach(u -> a.add(BracketedBase64.encode(u.value())));
        }
        return o;
    }
}
