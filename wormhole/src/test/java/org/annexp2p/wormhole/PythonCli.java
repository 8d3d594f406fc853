package org.annexp2p.wormhole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the Python {@code wormhole} 0.12 CLI against the local servers; relay options always given (never the public ones). */
final class PythonCli {

    private final LocalServers servers;
    private final Path workDir;

    PythonCli(LocalServers servers, Path workDir) {
        this.servers = servers;
        this.workDir = workDir;
    }

    RunningProcess runScoped(String appId, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(Programs.require("wormhole", "magic-wormhole").toString(),
                "--relay-url", servers.relayUrl().toString(), "--transit-helper", servers.transitEndpoint()));
        if (appId != null) {
            command.add("--appid");
            command.add(appId);
        }
        command.addAll(List.of(args));
        return RunningProcess.start(command, workDir, Map.of("PYTHONUNBUFFERED", "1"), stdin);
    }

    RunningProcess run(String... args) {
        return runScoped(null, null, args);
    }
}
