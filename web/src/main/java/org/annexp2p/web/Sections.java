package org.annexp2p.web;

import java.util.List;
import org.annexp2p.web.doctor.DoctorSection;

/** The page's sections, in the order the page shows them: the one place a new section is added. */
public final class Sections {
    private Sections() {
    }

    public static List<Section> all(UiContext context) {
        return List.of(
                // status: helper web
                // tor, pair: helper webflow
                new org.annexp2p.web.tor.TorSection(context), new org.annexp2p.web.pair.PairSection(context),
                // peers, transfers: helper web
                new DoctorSection(context));
    }
}
