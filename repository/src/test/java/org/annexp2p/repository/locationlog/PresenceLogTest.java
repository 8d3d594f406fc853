package org.annexp2p.repository.locationlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.annexp2p.protocol.key.Key;
import org.junit.jupiter.api.Test;

class PresenceLogTest {

    @Provide
    Arbitrary<VectorClock> clocks() {
        return Combinators.combine(Arbitraries.longs().between(0, 4_000_000_000L), Arbitraries.integers().between(0, 12),
                Arbitraries.longs().between(0, 999_999_999_999L))
                .as((s, scale, frac) -> new VectorClock(BigDecimal.valueOf(s)
                        .add(BigDecimal.valueOf(frac % (long) Math.pow(10, scale), scale))));
    }

    @Provide
    Arbitrary<String> infos() {
        return Arbitraries.of("4a6a879c-9395-4424-8aba-a3654584af28", "11111111-2222-3333-4444-555555555555",
                "62824c8f-daf0-4533-afb2-f5f8d12e01a8", "web", "x y z", "");
    }

    @Provide
    Arbitrary<List<LogLine>> logs() {
        return Combinators.combine(clocks(), Arbitraries.of(LogStatus.values()), infos()).as(LogLine::new)
                .list().ofMaxSize(12);
    }

    @Test
    void clocksFormatLikeHaskellPosixTime() {
        assertThat(VectorClock.parse("1795374251.134427197s").get().format()).isEqualTo("1795374251.134427197s");
        assertThat(new VectorClock(new BigDecimal("1795374300.000")).format()).isEqualTo("1795374300s");
        assertThat(new VectorClock(new BigDecimal("5.10")).format()).isEqualTo("5.1s");
        assertThat(new VectorClock(BigDecimal.ZERO).format()).isEqualTo("0s");
        assertThat(VectorClock.parse("1795374300").get()).isEqualTo(VectorClock.parse("1795374300s").get());
        assertThat(VectorClock.parse("12.s")).isEmpty();
        assertThat(VectorClock.parse("s")).isEmpty();
        assertThat(VectorClock.parse("1e5s")).isEmpty();
    }

    @Property
    void clocksRoundTrip(@ForAll("clocks") VectorClock c) {
        assertThat(VectorClock.parse(c.format()).map(VectorClock::seconds).map(BigDecimal::stripTrailingZeros))
                .isEqualTo(Option.some(c.seconds().stripTrailingZeros()));
    }

    @Property
    void logsRoundTrip(@ForAll("logs") List<LogLine> lines) {
        List<LogLine> back = PresenceLog.parse(PresenceLog.format(lines));
        assertThat(back).hasSameSizeAs(lines);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(back.get(i).format()).isEqualTo(lines.get(i).format());
        }
    }

    @Property
    void linesEndAtAnyRunOfCarriageReturnsAndLineFeeds(@ForAll("logs") List<LogLine> lines,
            @ForAll("lineEnds") List<String> ends) {
        StringBuilder text = new StringBuilder(ends.isEmpty() ? "" : ends.get(0));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).format();
            text.append(line, 0, line.length() - 1).append(ends.isEmpty() ? "\n" : ends.get((i + 1) % ends.size()));
        }
        List<LogLine> back = PresenceLog.parse(text.toString());
        assertThat(back).hasSameSizeAs(lines);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(back.get(i).format()).isEqualTo(lines.get(i).format());
        }
    }

    @Provide
    Arbitrary<List<String>> lineEnds() {
        return Arbitraries.strings().withChars('\r', '\n').ofMinLength(1).ofMaxLength(4).list().ofMaxSize(5);
    }

    @Property
    void garbageIsSkippedNeverThrown(@ForAll String garbage, @ForAll("logs") List<LogLine> lines) {
        String mixed = garbage.replace('\n', ' ').replace('\r', ' ') + "\n" + PresenceLog.format(lines);
        List<LogLine> parsed = PresenceLog.parse(mixed);
        assertThat(parsed.size()).isBetween(lines.size(), lines.size() + 1);
    }

    @Property
    void compactKeepsTheLatestLinePerInfoInInfoOrder(@ForAll("logs") List<LogLine> lines) {
        List<LogLine> compacted = PresenceLog.compact(lines);
        assertThat(compacted).extracting(LogLine::info).doesNotHaveDuplicates().isSorted();
        for (LogLine kept : compacted) {
            assertThat(lines.stream().filter(l -> l.info().equals(kept.info())).map(LogLine::clock)
                    .max(Comparator.naturalOrder()).get()).isEqualByComparingTo(kept.clock());
        }
        assertThat(PresenceLog.compact(compacted)).isEqualTo(compacted);
    }

    @Test
    void tiesGoToTheEarlierLineLikeGitAnnexsRightFold() {
        VectorClock t = VectorClock.parse("100s").get();
        List<LogLine> lines = List.of(new LogLine(t, LogStatus.PRESENT, "u"), new LogLine(t, LogStatus.MISSING, "u"));
        assertThat(PresenceLog.compact(lines)).containsExactly(lines.get(0));
    }

    @Property
    void addingANewInfoAppendsOneLine(@ForAll("logs") List<LogLine> lines, @ForAll("clocks") VectorClock now) {
        String old = PresenceLog.format(lines);
        String info = "aaaaaaaa-new-uuid";
        String next = PresenceLog.add(old, LogStatus.PRESENT, info, now);
        assertThat(next).isEqualTo(old + now.format() + " 1 " + info + "\n");
    }

    @Property
    void addingAKnownInfoRewritesTheCompactedLogWithTheNewLineWinning(@ForAll("logs") List<LogLine> lines,
            @ForAll("clocks") VectorClock now, @ForAll("infos") String info, @ForAll boolean present) {
        List<LogLine> withInfo = new ArrayList<>(lines);
        withInfo.add(new LogLine(now, LogStatus.DEAD, info));
        String next = PresenceLog.add(PresenceLog.format(withInfo), present ? LogStatus.PRESENT : LogStatus.MISSING,
                info, now);
        List<LogLine> after = PresenceLog.parse(next);
        assertThat(after).isEqualTo(PresenceLog.compact(after));
        LogLine ours = after.stream().filter(l -> l.info().equals(info)).findFirst().get();
        assertThat(ours.status()).isEqualTo(present ? LogStatus.PRESENT : LogStatus.MISSING);
        // Against clock skew, the new line is later than every earlier line about the same info.
        withInfo.stream().filter(l -> l.info().equals(info))
                .forEach(l -> assertThat(ours.clock()).isGreaterThan(l.clock()));
        assertThat(PresenceLog.present(next).contains(info)).isEqualTo(present);
    }

    @Test
    void appendingToALogWithoutFinalNewlineStartsANewLine() {
        String next = PresenceLog.add("100s 1 a", LogStatus.PRESENT, "b", VectorClock.parse("200s").get());
        assertThat(next).isEqualTo("100s 1 a\n200s 1 b\n");
    }

    @Test
    void journalNamesMangleSlashesAndDoubleUnderscores() {
        assertThat(BranchJournal.journalFileName("e7d/d01/SHA256E-s1--a_b.log")).isEqualTo("e7d_d01_SHA256E-s1--a__b.log");
        Key key = Key.parse("SHA256E-s12--a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447.txt").get();
        assertThat(BranchJournal.locationLogPath(key)).isEqualTo(
                "e7d/d01/SHA256E-s12--a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447.txt.log");
        Key escaped = Key.parse("WORM--a/b:c").get();
        assertThat(BranchJournal.locationLogPath(escaped)).endsWith("/WORM--a%b&cc.log");
    }
}
