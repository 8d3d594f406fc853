package org.annexp2p.web;

import java.util.List;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.web.doctor.DoctorSection;
import org.annexp2p.web.pair.PairSection;
import org.annexp2p.web.peers.PeersSection;
import org.annexp2p.web.reach.Reach;
import org.annexp2p.web.status.StatusSection;
import org.annexp2p.web.tor.TorSection;
import org.annexp2p.web.transfers.TransfersSection;

/** The page's sections, in the order the page shows them: the one place a new section is added. */
public final class Sections {
    private Sections() {
    }

    public static List<Section> all(UiContext context) {
        Reach reach = Reach.standard();
        return List.of(
                new StatusSection(context, reach),
                new TorSection(context),
                new PairSection(context),
                new PeersSection(context, reach, GivenToken.of(null)),
                new TransfersSection(context, reach.plugins(), GivenToken.of(null)),
                new DoctorSection(context));
    }
}
