package org.annexp2p.web.tor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.annexp2p.session.tor.PublishEvent;

/**
 * A {@link PublishEvent} as the page's {@code tor.progress} event: a {@code step} and its details. Tor's own report
 * lines are left out (they are for {@code enable-tor --debug}); nothing here is secret.
 */
final class OnionProgress implements PublishEvent.Visitor<Optional<Map<String, Object>>> {
    private OnionProgress() {
    }

    static Optional<Map<String, Object>> of(PublishEvent event) {
        return event.accept(new OnionProgress());
    }

    @Override
    public Optional<Map<String, Object>> starting(PublishEvent.Starting s) {
        return step("starting", "policy", s.policy());
    }

    @Override
    public Optional<Map<String, Object>> stoppedLeftover(PublishEvent.StoppedLeftover s) {
        return step("stopped-leftover", "pid", s.pid());
    }

    @Override
    public Optional<Map<String, Object>> bootstrap(PublishEvent.Bootstrap b) {
        return step("bootstrap", "percent", b.percent(), "summary", b.summary());
    }

    @Override
    public Optional<Map<String, Object>> recorded(PublishEvent.Recorded r) {
        return step("recorded", "address", r.address());
    }

    @Override
    public Optional<Map<String, Object>> descriptorUploaded(PublishEvent.DescriptorUploaded u) {
        return step("uploaded", "onion", u.address());
    }

    @Override
    public Optional<Map<String, Object>> reachable(PublishEvent.Reachable r) {
        return step("reachable", "address", r.address(),
                "seconds", Math.round(r.reachability().reachable().toMillis() / 100.0) / 10.0,
                "attempts", r.reachability().attempts());
    }

    @Override
    public Optional<Map<String, Object>> failed(PublishEvent.Failed f) {
        return step("failed", "message", f.message());
    }

    @Override
    public Optional<Map<String, Object>> torSaid(PublishEvent.TorSaid said) {
        return Optional.empty();
    }

    /** The {@code step} word, then each detail's name and value, in the order given. */
    private static Optional<Map<String, Object>> step(String step, Object... details) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("step", step);
        for (int i = 0; i < details.length; i += 2) {
            fields.put((String) details[i], details[i + 1]);
        }
        return Optional.of(fields);
    }
}
