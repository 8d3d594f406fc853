package org.annexp2p.session.tor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.tor.TorOptions;
import org.annexp2p.tor.onion.RepositoryOnion;
import org.annexp2p.tor.privnet.PrivateTorNetwork;
import org.annexp2p.tor.privnet.PrivateTorNetworkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Publishing on the private Tor network with a private tor: the events a page shows, in order; and cancel. */
@ExtendWith(PrivateTorNetworkExtension.class)
@Timeout(300)
class OnionPublishingIT {
    @TempDir
    Path tmp;

    static PublishEvent last(List<PublishEvent> events) {
        return events.get(events.size() - 1);
    }

    static TorOptions privateTor(PrivateTorNetwork network, RepositoryOnion onion) {
        return TorOptions.chosen("launch", null, null, network.joinTorrc(), onion.torStateDir());
    }

    @Test
    void aPrivateTorTellsStartingBootstrapRecordedUploadedThenReachable(PrivateTorNetwork network) throws Exception {
        AnnexRepository repository = AnnexRepository.create(tmp.resolve("repo"));
        RepositoryOnion onion = RepositoryOnion.of(repository.annexDir(), repository.creds());
        List<PublishEvent> events = new CopyOnWriteArrayList<>();

        OnionPublishing.Published published = OnionPublishing.publish(repository, onion, privateTor(network, onion),
                Duration.ofSeconds(180), events::add);

        List<PublishEvent> steps = events.stream().filter(e -> !(e instanceof PublishEvent.TorSaid)).toList();
        assertThat(steps.get(0)).isEqualTo(new PublishEvent.Starting("launch"));
        String onionHost = published.address().substring("tor-annex::".length(), published.address().lastIndexOf(':'));
        int recorded = steps.indexOf(new PublishEvent.Recorded(published.address()));
        int uploaded = steps.indexOf(new PublishEvent.DescriptorUploaded(onionHost));
        assertThat(recorded).as("%s", steps).isPositive();
        assertThat(uploaded).as("told once our id is known: %s", steps).isGreaterThan(recorded);
        assertThat(steps).filteredOn(PublishEvent.DescriptorUploaded.class::isInstance).hasSize(1);
        assertThat(steps).filteredOn(e -> e instanceof PublishEvent.Bootstrap b && b.percent() == 100).isNotEmpty();
        assertThat(last(steps)).isEqualTo(new PublishEvent.Reachable(published.address(), published.reachability()));
        assertThat(repository.creds().ownAddresses()).containsExactly(published.address());
    }

    @Test
    void cancelStopsThePublicationAndItsTor(PrivateTorNetwork network) throws Exception {
        AnnexRepository repository = AnnexRepository.create(tmp.resolve("repo"));
        RepositoryOnion onion = RepositoryOnion.of(repository.annexDir(), repository.creds());
        List<PublishEvent> events = new CopyOnWriteArrayList<>();
        OnionPublishing[] publishing = new OnionPublishing[1];
        publishing[0] = new OnionPublishing(repository, onion, privateTor(network, onion), Duration.ofSeconds(180), e -> {
            events.add(e);
            if (e instanceof PublishEvent.Recorded) {
                publishing[0].cancel();
            }
        });

        assertThatThrownBy(publishing[0]::run).hasMessage("cancelled");

        assertThat(last(events)).isEqualTo(new PublishEvent.Failed("cancelled; the onion was not checked"));
        assertThat(events).noneMatch(PublishEvent.Reachable.class::isInstance);
        // the launched tor went with its session: a new publication may launch one in the same state directory
        OnionPublishing.Published again = OnionPublishing.publish(repository, onion, privateTor(network, onion),
                Duration.ofSeconds(180), e -> { });
        assertThat(again.address()).isEqualTo(repository.creds().ownAddresses().get(0));
    }
}
