package org.annexp2p.web.browser;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.annexp2p.web.RunningUi;
import org.annexp2p.web.UiSettings;
import org.annexp2p.web.WebUi;

/** A git-annex repository and its page, served in this JVM through web's public API on 127.0.0.1, a free port. */
final class ServedPage implements AutoCloseable {
    private final TemporaryRepository repository;
    private final RunningUi ui;

    private ServedPage(TemporaryRepository repository, RunningUi ui) {
        this.repository = repository;
        this.ui = ui;
    }

    /** A new repository in {@code dir} described as {@code description}, and its page. */
    static ServedPage of(Path dir, String description) throws IOException {
        TemporaryRepository repository = TemporaryRepository.annex(dir, description);
        return new ServedPage(repository, WebUi.start(UiSettings.loopback(dir).checkingLoopbackOnly()));
    }

    TemporaryRepository repository() {
        return repository;
    }

    /** The page's address with its access token, as {@code annex-p2p ui} prints it. */
    URI url() {
        return ui.url();
    }

    /** A fresh one-time address, as the command hands the desktop's browser. */
    URI launchUrl() {
        return ui.launchUrl();
    }

    /** {@code path} on the page's origin, without a token: {@code http://127.0.0.1:PORT/path}. */
    String at(String path) {
        return origin() + path;
    }

    String origin() {
        return "http://127.0.0.1:" + ui.address().getPort();
    }

    int port() {
        return ui.address().getPort();
    }

    /** The access token (tests forge requests with it, as a script that had stolen it would). */
    String token() {
        String query = ui.url().getRawQuery();
        return query.substring(query.indexOf("token=") + "token=".length());
    }

    @Override
    public void close() {
        ui.close();
    }
}
