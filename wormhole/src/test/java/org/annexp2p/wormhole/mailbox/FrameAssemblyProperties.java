package org.annexp2p.wormhole.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Fragments become whole frames up to the bound; past it, one refusal and nothing more, whatever follows. */
class FrameAssemblyProperties {

    @Property(tries = 300)
    void framesWithinTheBoundArriveWholeAndLongerOnesAreRefused(
            @ForAll @Size(max = 6) List<@Size(min = 1, max = 4) List<@StringLength(max = 30) String>> frames,
            @ForAll @IntRange(min = 1, max = 80) int limit) {
        FrameAssembly assembly = new FrameAssembly(limit);
        List<FrameChannel.Inbound> out = new ArrayList<>();
        List<FrameChannel.Inbound> expected = new ArrayList<>();
        boolean refused = false;
        for (List<String> fragments : frames) {
            String whole = String.join("", fragments);
            if (!refused) {
                refused = whole.length() > limit;
                expected.add(refused ? new FrameChannel.Inbound.TooLarge(limit) : new FrameChannel.Inbound.Frame(whole));
            }
            for (int i = 0; i < fragments.size(); i++) {
                Optional<FrameChannel.Inbound> got = assembly.add(fragments.get(i), i == fragments.size() - 1);
                got.ifPresent(out::add);
            }
        }
        assertThat(out).isEqualTo(expected);
    }
}
