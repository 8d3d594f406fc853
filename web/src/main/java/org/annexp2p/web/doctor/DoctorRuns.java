package org.annexp2p.web.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.annexp2p.pairing.doctor.Check;
import org.annexp2p.pairing.doctor.DoctorReport;

/** The doctor's current or last run, as the page reads it. */
final class DoctorRuns {
    /** One check as the page shows it: what was found and, apart, what to do (empty when nothing is wrong). */
    record Shown(String name, String status, String reason, String fix) {
    }

    /** {@code report} is empty until a run has ended. */
    record State(boolean running, List<Shown> checks, String report, long failed) {
    }

    private boolean running;
    private final List<Check> checks = new ArrayList<>();
    private String report = "";

    synchronized boolean begin() {
        if (running) {
            return false;
        }
        running = true;
        checks.clear();
        report = "";
        return true;
    }

    synchronized void add(Check check) {
        checks.add(check);
    }

    synchronized void end(List<Check> all) {
        running = false;
        checks.clear();
        checks.addAll(all);
        report = DoctorReport.table(all);
    }

    synchronized State state() {
        List<Shown> shown = checks.stream().map(DoctorRuns::shown).toList();
        long failed = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
        return new State(running, shown, report, failed);
    }

    static Shown shown(Check check) {
        return new Shown(check.name(), check.status().json().toLowerCase(Locale.ROOT), check.reason(), check.fix());
    }
}
