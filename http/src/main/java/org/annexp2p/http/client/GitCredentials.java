package org.annexp2p.http.client;

import io.vavr.control.Option;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Credentials from git's credential helpers, as git-annex gets them for a p2phttp remote: {@code git credential
 * fill} once the server asked (401), {@code approve} when they worked, {@code reject} when they were refused. The
 * URL and the answer go through git's standard streams only.
 */
public final class GitCredentials implements CredentialSource {
    private final Git git;
    private final String url;

    /** For the server at {@code url}, with the helpers configured for the repository at {@code gitDir}. */
    public GitCredentials(java.nio.file.Path gitDir, AnnexUrl url) {
        this.git = new Git(gitDir);
        this.url = url.base().toString();
    }

    @Override
    public Option<Credentials> upfront() {
        return Option.none();
    }

    @Override
    public Option<Credentials> ask() {
        try {
            Git.Result r = git.run("url=" + url + "\n\n", "credential", "fill");
            if (r.exitCode() != 0) {
                return Option.none();
            }
            Map<String, String> answer = new HashMap<>();
            r.stdout().lines().forEach(l -> {
                int eq = l.indexOf('=');
                if (eq > 0) {
                    answer.put(l.substring(0, eq), l.substring(eq + 1));
                }
            });
            String user = answer.get("username");
            String password = answer.get("password");
            return user != null && password != null ? Option.some(new Credentials(user, password)) : Option.none();
        } catch (IOException e) {
            return Option.none();
        }
    }

    @Override
    public void accepted(Credentials c) {
        tell("approve", c);
    }

    @Override
    public void refused(Credentials c) {
        tell("reject", c);
    }

    private void tell(String verdict, Credentials c) {
        try {
            git.run("url=" + url + "\nusername=" + c.user() + "\npassword=" + c.password() + "\n\n", "credential", verdict);
        } catch (IOException e) {
            // a helper that cannot store or forget them changes nothing for this request
        }
    }

    @Override
    public String origin() {
        return "from git's credential helpers for " + url;
    }

    @Override
    public String hint() {
        return "none from git's credential helpers for " + url + ", nor " + Credentials.USER + " and "
                + Credentials.PASSWORD;
    }
}
