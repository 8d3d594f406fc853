package org.annexp2p.web.tor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.annexp2p.session.tor.PublishEvent;

/**
 * A {@link PublishEvent} as the page's {@code tor.progress} event: a {@code step} and its details. Tor's own report
 * lines are left out (they are for {@code enable-tor --debug}); nothing here is secret.
 */
final class OnionProgress {
    private OnionProgress() {
    }

    static Optional<Map<String, Object>> of(PublishEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (event instanceof PublishEvent.Starting s) {
            fields.put("step", "starting");
            fields.put("policy", s.policy());
        } else if (event instanceof PublishEvent.StoppedLeftover s) {
            fields.put("step", "stopped-leftover");
            fields.put("pid", s.pid());
        } else if (event instanceof PublishEvent.Bootstrap b) {
            fields.put("step", "bootstrap");
            fields.put("percent", b.percent());
            fields.put("summary", b.summary());
        } else if (event instanceof PublishEvent.Recorded r) {
            fields.put("step", "recorded");
            fields.put("address", r.address());
        } else if (event instanceof PublishEvent.DescriptorUploaded u) {
            fields.put("step", "uploaded");
            fields.put("onion", u.address());
        } else if (event instanceof PublishEvent.Reachable r) {
            fields.put("step", "reachable");
            fields.put("address", r.address());
            fields.put("seconds", Math.round(r.reachability().reachable().toMillis() / 100.0) / 10.0);
            fields.put("attempts", r.reachability().attempts());
        } else if (event instanceof PublishEvent.Failed f) {
            fields.put("step", "failed");
            fields.put("message", f.message());
        } else {
            return Optional.empty();
        }
        return Optional.of(fields);
    }
}
