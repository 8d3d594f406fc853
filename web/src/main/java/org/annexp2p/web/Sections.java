package org.annexp2p.web;

import java.util.List;

/** The page's sections, in the order the page shows them: the one place a new section is added. */
public final class Sections {
    private Sections() {
    }

    public static List<Section> all(UiContext context) {
        return List.of(new org.annexp2p.web.tor.TorSection(context), new org.annexp2p.web.pair.PairSection(context));
    }
}
