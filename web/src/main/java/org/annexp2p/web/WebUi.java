package org.annexp2p.web;

import java.io.IOException;
import org.annexp2p.web.server.PageServer;

/** Starts the local web page: {@code WebUi.start(UiSettings.loopback(repo)).url()}. */
public final class WebUi {
    private WebUi() {
    }

    public static RunningUi start(UiSettings settings) throws IOException {
        return PageServer.start(settings, Sections::all);
    }
}
