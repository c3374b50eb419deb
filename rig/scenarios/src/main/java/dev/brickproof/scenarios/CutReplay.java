package dev.brickproof.scenarios;

import dev.brickproof.rig.resource.RigDescription;
import java.util.List;
import java.util.Optional;

/**
 * Replays one cut of a sweep the slow, literal way: a dry run to know the operations, then the update again
 * with the cut armed in the emulator, power back, the verdict. Deterministic in lockstep: the same cut gives
 * the same verdict and the same flash, byte for byte.
 */
public final class CutReplay {
    private final RigDescription description;
    private final String boardId;
    private final String variant;
    private Optional<ScenarioSteps> forensics = Optional.empty();
    private Optional<RestoreTrigger> restore = Optional.empty();

    public CutReplay(RigDescription description, String boardId, String variant) {
        this.description = description;
        this.boardId = boardId;
        this.variant = variant;
    }

    /**
     * A bad replayed cut also gets {@link Forensics} (dump through the ROM bootloader, region diff, recovery),
     * reported through {@code steps}. Sweeps never do this per cut: only their findings' replays.
     */
    public CutReplay withForensics(ScenarioSteps steps) {
        this.forensics = Optional.of(steps);
        return this;
    }

    /**
     * Replays a cut of a restore sweep ({@link CutSweep#restore}): counted from the rollback trigger (null: the one
     * the bootloader's manifest implies).
     */
    public CutReplay restore(RestoreTrigger trigger) {
        this.restore = Optional.of(trigger != null ? trigger : RestoreTrigger.of(SweepBoard.bootloader(description,
                description.board(boardId).orElseThrow(() -> new IllegalArgumentException("no board '" + boardId
                        + "'")), variant)));
        return this;
    }

    public Replayed replay(CutPoint cut) {
        try (SweepBoard board = SweepBoard.open(description, boardId, variant, 0, restore)) {
            board.transcript("replay-dry-run");
            UpdateTrace trace = board.dryRun();
            if (cut.kind() != CutPoint.Kind.AFTER_LAST && cut.kind() != CutPoint.Kind.LINK
                    && cut.op() >= trace.size()) {
                throw new IllegalArgumentException("cut " + cut + ": the " + (restore.isPresent() ? "restore" : "update")
                        + " of " + boardId + " has only "
                        + trace.size() + " flash operations (0.." + (trace.size() - 1) + ")");
            }
            board.transcript("replay-" + cut.toString().replace(':', '_'));
            CutOutcome outcome = board.executed(cut, trace);
            var chip = description.board(boardId).orElseThrow().chip();
            String diff = FlashDiff.of(board.readFlash(), chip.flashBase(), chip.pageSize(), board.bootloader().layout(),
                    List.of(board.path().oldApp(), board.path().newApp()));
            Optional<ForensicsResult> examined = forensics.filter(s -> outcome.bad()).map(s -> new Forensics(
                    board.board(), s).examine(outcome.verdict(), board.bootloader(), "replay-"
                    + cut.toString().replace(':', '_')));
            return new Replayed(outcome, trace, diff, examined);
        }
    }

    /**
     * The outcome of a replayed cut, the dry run it was counted against, and the flash after the verdict
     * compared with v1 and v2 ({@link FlashDiff}), and the forensics of a bad cut when asked for.
     */
    public record Replayed(CutOutcome outcome, UpdateTrace trace, String flashDiff,
                           Optional<ForensicsResult> forensics) { }
}
