package dev.brickproof.scenarios;

import dev.brickproof.api.FlashFootprint;
import dev.brickproof.rig.config.FirmwareManifests;
import dev.brickproof.rig.verdict.VerdictJudge;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Outcomes of executed cuts, keyed by what their recovery read. After a power cut only flash survives, and every
 * {@code before}/{@code after-last} cut of a sweep recovers from the same reference state with its own flash; a
 * lockstep board is deterministic, so a cut whose flash holds the same bytes at every input of an executed cut's
 * {@link FlashFootprint} (bytes fetched, loaded, checked by the flash controller or read back for the verdict
 * before being written) runs exactly as that cut did: same console and the same bytes written, laid over its
 * own flash; its verdict is the executed cut's, or, when that was decided from the console and a read-back
 * the footprint left out, decided again from its own flash by the judge's rules. {@code MemoisedSweepEquivalenceTest} runs every reference design both ways.
 *
 * <p>Entries are few (one per way the recovery behaves); a worker walking the flash forward one operation at a
 * time keeps its last entry while the operations it crosses touch none of that entry's inputs.
 */
final class FootprintMemo {
    /** One executed cut: the flash it started from, what its recovery read and wrote, the flash it left. */
    record Entry(byte[] startFlash, FlashFootprint footprint, byte[] endFlash, CutOutcome outcome,
                 Optional<VerdictJudge.Observation> lastObservation) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    /** The entry whose inputs {@code flash} matches, if any. */
    Optional<Entry> find(byte[] flash) {
        for (Entry e : entries) {
            if (e.footprint().sameInputs(flash, e.startFlash())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    void add(SweepBoard.Tracked tracked, byte[] startFlash) {
        entries.add(new Entry(startFlash, tracked.footprint(), tracked.endFlash(), tracked.outcome(),
                tracked.lastObservation()));
    }

    int size() {
        return entries.size();
    }

    /**
     * {@code entry}'s outcome for {@code cut}, whose flash {@code flash} matches the entry's inputs: the same run,
     * leaving {@code flash} with the entry's written bytes laid over it. When the entry's verdict came from an
     * observation and a read-back outside the footprint, the verdict is decided again from that flash.
     */
    static CutOutcome reuse(Entry entry, CutPoint cut, Optional<TracedOp> op, byte[] flash, SweepBoard judge) {
        byte[] end = entry.footprint().overlay(flash, entry.endFlash());
        String digest = FirmwareManifests.sha256(end);
        return entry.lastObservation()
                .map(seen -> judge.outcome(cut, op, judge.rejudge(seen, end), digest, true))
                .orElseGet(() -> entry.outcome().reusedFor(cut, op, digest));
    }
}
