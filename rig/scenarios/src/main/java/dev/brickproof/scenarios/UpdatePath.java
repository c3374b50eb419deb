package dev.brickproof.scenarios;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.driver.SimulatedBoard;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.UpdateDeadline;
import dev.brickproof.rig.update.UpdateDriver;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.wait.Wait;
import java.time.Duration;
import java.util.Optional;

/** The board's update from v1 to v2 over its design's protocol: what a power-cut sweep cuts into by default. */
final class UpdatePath implements SweptPath {
    /** Virtual time a client gets to notice the cut before the sweep gives up on it: a rig fault. */
    private static final Duration CUT_WAIT = Duration.ofSeconds(10);

    private final Board board;
    private final SimulatedBoard sim;
    private final FirmwareProfile fw;
    private final UpdateDriver driver;
    private final SimulatedBoard.Snapshot provisioned;
    private BoardStrategy strategy;

    UpdatePath(Board board, SimulatedBoard sim, FirmwareProfile fw, UpdateDriver driver,
               SimulatedBoard.Snapshot provisioned) {
        this.board = board;
        this.sim = sim;
        this.fw = fw;
        this.driver = driver;
        this.provisioned = provisioned;
    }

    @Override
    public FirmwareImage oldApp() {
        return fw.app();
    }

    @Override
    public FirmwareImage newApp() {
        return fw.update();
    }

    /** Power off, back to the provisioned snapshot, boot v1: the update can start. */
    @Override
    public void toStart() {
        board.power().off();
        sim.disarmPowerCut();
        sim.restore(provisioned);
        board.console().skipPending();
        strategy = board.newStrategy();
        strategy.transition(BoardState.APP_RUNNING);
    }

    @Override
    public void begin() {
        driver.update(board, strategy, fw.update(), UpdateDeadline.of(board, fw.update()), ProgressListener.NONE);
    }

    /** The host starts the update afresh after a link cut, as a user would (the board's state unknown to it). */
    void retry() {
        board.console().skipPending();
        strategy = board.newStrategy();
        begin();
    }

    @Override
    public Optional<Verdict> finishDryRun() {
        board.waitFor(Wait.forConsoleLine(fw.appBanner()).withTimeout(board.resource().timing().bootTimeout()));
        return Optional.empty();
    }

    @Override
    public void beforeVerdict() {
        // the board is left alone: its banner (or the host's retry of a resumable transfer) decides
    }

    @Override
    public Duration cutWait() {
        return CUT_WAIT;
    }

    @Override
    public boolean breaksPromise(Verdict verdict) {
        return verdict.isProductDefectCandidate();
    }

    @Override
    public Optional<RestoreTrigger> restore() {
        return Optional.empty();
    }

    @Override
    public Optional<RestoreRun> restoreRun(Optional<Verdict> uninterrupted) {
        return Optional.empty();
    }
}
