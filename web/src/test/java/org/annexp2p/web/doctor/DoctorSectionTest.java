package org.annexp2p.web.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.annexp2p.pairing.doctor.Check;
import org.annexp2p.pairing.doctor.DoctorReport;
import org.annexp2p.web.PageClient;
import org.annexp2p.web.RunningUi;
import org.annexp2p.web.UiSettings;
import org.annexp2p.web.server.PageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorSectionTest {

    @Test
    void everyCheckOfTheDoctorIsShownWithTheReportItPrints(@TempDir Path repo) throws Exception {
        try (RunningUi ui = PageServer.start(UiSettings.loopback(repo).checkingLoopbackOnly(), context -> List.of(new DoctorSection(context)))) {
            PageClient page = new PageClient(ui);
            assertThat(page.get("doctor/last").json().get("report").asText()).isEmpty();
            assertThat(page.post("doctor/run", java.util.Map.of()).status()).isEqualTo(202);
            JsonNode done = page.await("doctor/last", state -> !state.get("running").asBoolean());
            List<Check> shown = new ArrayList<>();
            for (JsonNode check : done.get("checks")) {
                shown.add(new Check(check.get("name").asText(), Check.Status.valueOf(check.get("status").asText().toUpperCase(Locale.ROOT)),
                        check.get("reason").asText(), check.get("fix").asText()));
            }
            assertThat(shown).extracting(Check::name).contains("tor present", "tor bootstrapped", "onion published", "creds permissions");
            assertThat(done.get("report").asText()).isEqualTo(DoctorReport.table(shown));
            // The repository is no git-annex repository: the checks on it say so rather than being left out.
            assertThat(shown).filteredOn(c -> c.name().equals("onion published")).extracting(Check::status).containsExactly(Check.Status.FAIL);
        }
    }
}
