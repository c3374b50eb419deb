package dev.brickproof.scenarios;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.update.UpdateDeadline;
import dev.brickproof.rig.update.UpdateDriver;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictJudge;
import java.util.List;
import java.util.Optional;

/**
 * What happens after power was cut, for every kind of sweep: the relay's off time, power back, the verdict;
 * for a design that resumes and shows no banner, the host repeats the transfer and the board is judged again.
 * A restore sweep's host leaves the board alone for a while and asks it for its version first ({@code afterPowerOn}).
 * The board's power must be off when it starts.
 */
final class CutRecovery {
    private final Board board;
    private final FirmwareProfile fw;
    private final UpdateDriver driver;
    private final boolean resumes;
    private final List<FirmwareImage> knownApps;
    private final Runnable afterPowerOn;

    /** After a cut in the update from {@code fw.app()} to {@code fw.update()}. */
    CutRecovery(Board board, FirmwareProfile fw, UpdateDriver driver, boolean resumes) {
        this(board, fw, driver, resumes, List.of(fw.app(), fw.update()), () -> { });
    }

    /** Judged against {@code knownApps}; {@code afterPowerOn} runs once power is back, before the verdict. */
    CutRecovery(Board board, FirmwareProfile fw, UpdateDriver driver, boolean resumes, List<FirmwareImage> knownApps,
                Runnable afterPowerOn) {
        this.board = board;
        this.fw = fw;
        this.driver = driver;
        this.resumes = resumes;
        this.knownApps = List.copyOf(knownApps);
        this.afterPowerOn = afterPowerOn;
    }

    /** The verdict, and the observation it was decided from when that verdict came straight from it. */
    record Result(Verdict verdict, Optional<VerdictJudge.Observation> lastObservation) {
    }

    /** {@code beforeLastReadBack} runs between the last verdict's console watch and its flash read-back. */
    Result recover(Runnable beforeLastReadBack) {
        board.clock().pause(board.resource().timing().powerOff());
        board.console().skipPending();
        board.power().on();
        afterPowerOn.run();
        if (!resumes) {
            VerdictJudge.Judgement j = judge(true, beforeLastReadBack);
            return new Result(j.verdict(), j.observation());
        }
        // a design that resumes gets the transfer again when no banner shows: its flash is read after that
        VerdictJudge.Judgement first = judge(false, () -> { });
        if (!first.verdict().isProductDefectCandidate()) {
            return new Result(first.verdict(), Optional.empty());
        }
        try {
            driver.resume(board, fw.update(), UpdateDeadline.of(board, fw.update()), ProgressListener.NONE);
        } catch (RigException e) {
            return new Result(Verdict.bricked(judge(true, () -> { }).verdict().detail()
                    + "; the host's retry of the transfer failed: " + e.getMessage()), Optional.empty());
        }
        VerdictJudge.Judgement j = judge(true, beforeLastReadBack);
        return new Result(j.verdict(), j.observation());
    }

    private VerdictJudge.Judgement judge(boolean readBackWithoutBanner, Runnable beforeReadBack) {
        return new VerdictJudge(board).judgeObserved(fw.appBanner(), knownApps,
                board.resource().timing().bootTimeout(), readBackWithoutBanner, beforeReadBack);
    }
}
