package org.annexp2p.web.server;

import io.vavr.control.Option;
import java.util.List;
import java.util.Map;

/**
 * The page's security rules, in the order they apply to every request:
 * <ol>
 *   <li>the {@code Host} header must name the served address (DNS rebinding: 421);</li>
 *   <li>a {@code GET} with {@code ?token=} (the access token) or {@code ?launch=} (a one-time launch token) sets
 *       the access cookie and redirects to the same path without it, so the token leaves the address bar;</li>
 *   <li>otherwise the access cookie must hold the access token (401);</li>
 *   <li>a request that may change something (anything but GET and HEAD) must come from the page itself: an
 *       {@code Origin} naming the same host and port, and the CSRF header holding the page's CSRF token (403).</li>
 * </ol>
 * Every comparison of a secret takes the same time wherever it differs.
 */
final class Gate {
    static final String CSRF_HEADER = "X-Annex-CSRF";
    private static final String NO_TOKEN = "This page needs its access token: open the URL that 'annex-p2p ui' printed.";

    private final ServedHosts hosts;
    private final String accessToken;
    private final String csrfToken;
    private final LaunchTokens launches;
    private final String cookieName;

    Gate(ServedHosts hosts, String accessToken, String csrfToken, LaunchTokens launches) {
        this.hosts = hosts;
        this.accessToken = accessToken;
        this.csrfToken = csrfToken;
        this.launches = launches;
        // Cookies are not kept apart by port: two pages on one host need two names.
        this.cookieName = "annex-p2p-ui-" + hosts.printed().port();
    }

    String cookieName() {
        return cookieName;
    }

    /** {@code headers} are the request's, looked up by lower-case name (first value). */
    Verdict judge(String method, String path, Map<String, List<String>> query, Map<String, String> headers) {
        Option<Authority> host = Authority.parse(headers.get("host"));
        if (!hosts.answers(host)) {
            return new Verdict.Refuse(421, "This page answers only at the address 'annex-p2p ui' printed.");
        }
        boolean reads = method.equals("GET") || method.equals("HEAD");
        if (reads && (query.containsKey("token") || query.containsKey("launch"))) {
            boolean valid = query.containsKey("token") ? Secrets.same(accessToken, last(query.get("token")))
                    : launches.spend(last(query.get("launch")));
            if (!valid) {
                return new Verdict.Refuse(401, "That link's token is wrong or already used: open the URL that 'annex-p2p ui' printed.");
            }
            // Back to the page asked for only if it is one of ours: "//host/..." would send the browser elsewhere.
            String location = StaticPath.file(path).isDefined() ? path : "/";
            return new Verdict.Enter(cookieName + "=" + accessToken + "; HttpOnly; SameSite=Strict; Path=/", location);
        }
        if (!Secrets.same(accessToken, CookieHeader.value(headers.get("cookie"), cookieName).getOrNull())) {
            return new Verdict.Refuse(401, NO_TOKEN);
        }
        if (!reads) {
            Option<Authority> origin = Authority.ofOrigin(headers.get("origin"));
            if (origin.isEmpty() || !origin.equals(host)) {
                return new Verdict.Refuse(403, "Refused: a change must come from the page itself (its Origin did not match).");
            }
            if (!Secrets.same(csrfToken, headers.get(CSRF_HEADER.toLowerCase(java.util.Locale.ROOT)))) {
                return new Verdict.Refuse(403, "Refused: the request lacks the page's CSRF token; reload the page and try again.");
            }
        }
        return new Verdict.Pass();
    }

    private static String last(List<String> values) {
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
