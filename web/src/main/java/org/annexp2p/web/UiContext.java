package org.annexp2p.web;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import org.annexp2p.repository.AnnexRepository;

/**
 * What the server hands every section: the settings it was started with, the event stream, threads for work
 * that outlives a request (shut down with the server, so a section's work stops when the page does), and
 * {@code jobs}, where a section says how to cancel work that runs on threads of its own.
 */
public record UiContext(UiSettings settings, Events events, ScheduledExecutorService background, Jobs jobs) {

    /**
     * The repository the page shows, opened anew (another process may have changed it); a 409 that says what to
     * do when there is none.
     */
    public AnnexRepository repository() throws Refused {
        try {
            return AnnexRepository.open(settings.repository());
        } catch (IOException e) {
            throw new Refused(409, "No git-annex repository at " + settings.repository()
                    + ": run 'git annex init' there, or start 'annex-p2p ui --repo DIR' on one.");
        }
    }
}
