package org.annexp2p.http.wire;

import io.vavr.collection.List;
import io.vavr.control.Option;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;

/**
 * One parsed p2phttp request: the repository it is for, the protocol version in its path (v0 for the plain
 * download), the client, the cluster nodes to bypass, and the operation.
 */
public record AnnexRequest(Uuid server, ProtocolVersion version, Option<Uuid> client, List<Uuid> bypass,
        Operation operation) {}
