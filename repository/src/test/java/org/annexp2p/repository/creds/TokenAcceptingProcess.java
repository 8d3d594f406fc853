package org.annexp2p.repository.creds;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.annexp2p.protocol.wire.AuthToken;

/**
 * A process of its own that makes tokens accepted, for {@link CredsUpdatesAcrossProcessesIT}: arguments are the creds
 * directory, a prefix and a count; it starts when the test types a line, so that all processes update at once.
 */
public final class TokenAcceptingProcess {
    private TokenAcceptingProcess() {}

    public static void main(String[] args) throws Exception {
        CredsDir creds = new CredsDir(Path.of(args[0]));
        int count = Integer.parseInt(args[2]);
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        for (int i = 0; i < count; i++) {
            creds.addAcceptedToken(AuthToken.parse(args[1] + i).get());
        }
    }
}
