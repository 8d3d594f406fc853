package org.annexp2p.http.client;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Path;
import org.annexp2p.protocol.wire.Uuid;

/**
 * The UUID of the repository a p2phttp server serves, as git-annex knows it: {@code remote.NAME.annex-uuid} of the
 * remote whose {@code remote.NAME.annexurl} is this server (git-annex learns it once from the remote's git config
 * and keeps it there).
 */
public final class RemoteUuid {
    private RemoteUuid() {}

    public static Option<Uuid> of(Path gitDir, AnnexUrl url) throws IOException {
        Git git = new Git(gitDir);
        Git.Result urls = git.run("", "config", "--get-regexp", "^remote\\..*\\.annexurl$");
        for (String line : urls.stdout().lines().toList()) {
            int space = line.indexOf(' ');
            if (space < 0 || !AnnexUrl.parse(line.substring(space + 1)).map(url::sameServer).getOrElse(false)) {
                continue;
            }
            String remote = line.substring(0, space).replaceAll("\\.annexurl$", "");
            Git.Result uuid = git.run("", "config", remote + ".annex-uuid");
            if (uuid.exitCode() == 0 && !uuid.stdout().isBlank()) {
                return Option.some(new Uuid(uuid.stdout().strip()));
            }
        }
        return Option.none();
    }
}
