package org.annexp2p.web;

import java.util.List;
import org.annexp2p.web.doctor.DoctorSection;
import org.annexp2p.web.reach.Reach;
import org.annexp2p.web.status.StatusSection;

/** The page's sections, in the order the page shows them: the one place a new section is added. */
public final class Sections {
    private Sections() {
    }

    public static List<Section> all(UiContext context) {
        Reach reach = Reach.standard();
        return List.of(
                new StatusSection(context, reach),
                new org.annexp2p.web.tor.TorSection(context), new org.annexp2p.web.pair.PairSection(context),
                // peers, transfers: helper web
                new DoctorSection(context));
    }
}
