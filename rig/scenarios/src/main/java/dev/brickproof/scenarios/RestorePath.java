package dev.brickproof.scenarios;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.BoardStateException;
import dev.brickproof.rig.driver.SimulatedBoard;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.UpdateDeadline;
import dev.brickproof.rig.update.UpdateDriver;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictJudge;
import dev.brickproof.rig.wait.Wait;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The bootloader's restore of its backup, swept like an update: v1 provisioned, the trigger's new app installed over
 * the design's own path and seen to start (a requested rollback: left to run first), and that state snapshotted once.
 * From there the trigger starts the restore (the crash comes by itself; {@code rollback} is sent to a healthy app),
 * and the swept operations are everything the board writes after it. After a cut, power back, the board is left
 * alone for the trial window, then asked for its version: the verdict, flash compared with v1 and that new app,
 * against the manifest's {@code rollback: interrupted-restore:}.
 */
final class RestorePath implements SweptPath {
    /** Long enough for a trial bootloader's watchdog (1.024 s) and a restore; the new app of a request settles this long. */
    static final Duration TRIAL_WINDOW = Duration.ofSeconds(2);
    private static final String VERSION_QUERY = "version\r";
    private static final String ROLLBACK_COMMAND = "rollback\r";

    private final Board board;
    private final SimulatedBoard sim;
    private final FirmwareProfile fw;
    private final UpdateDriver driver;
    private final SimulatedBoard.Snapshot provisioned;
    private final RestoreTrigger trigger;
    private final FirmwareImage newApp;
    private final Outcome promised;
    private SimulatedBoard.Snapshot triggerPoint;

    RestorePath(Board board, SimulatedBoard sim, FirmwareProfile fw, UpdateDriver driver,
                SimulatedBoard.Snapshot provisioned, RestoreTrigger trigger, FirmwareImage boot) {
        this.board = board;
        this.sim = sim;
        this.fw = fw;
        this.driver = driver;
        this.provisioned = provisioned;
        this.trigger = trigger;
        this.newApp = trigger.newApp(fw, board.id());
        this.promised = RestoreTrigger.promised(boot);
    }

    @Override
    public FirmwareImage oldApp() {
        return fw.app();
    }

    @Override
    public FirmwareImage newApp() {
        return newApp;
    }

    @Override
    public void toStart() {
        board.power().off();
        sim.disarmPowerCut();
        if (triggerPoint == null) {
            triggerPoint = installNewApp();
        }
        board.power().on();   // the relay as it was when the snapshot was taken
        sim.restore(triggerPoint);
        board.console().skipPending();
    }

    /** v1 running, the new app installed through the design's own update path and started: the snapshot. */
    private SimulatedBoard.Snapshot installNewApp() {
        sim.restore(provisioned);
        board.console().skipPending();
        BoardStrategy strategy = board.newStrategy();
        strategy.transition(BoardState.APP_RUNNING);
        driver.update(board, strategy, newApp, UpdateDeadline.of(board, newApp), ProgressListener.NONE);
        board.waitFor(Wait.forConsoleLine(newApp.banner()).withTimeout(board.resource().timing().bootTimeout()));
        if (trigger == RestoreTrigger.REQUESTED) {
            board.clock().pause(TRIAL_WINDOW);
        }
        return sim.snapshot();
    }

    @Override
    public void begin() {
        if (trigger == RestoreTrigger.REQUESTED) {
            board.console().skipPending();
            board.console().send("\r" + ROLLBACK_COMMAND);
        }
        // a crashing app needs nothing: it faults after its banner and the watchdog resets it into the bootloader
    }

    @Override
    public Optional<Verdict> finishDryRun() {
        beforeVerdict();
        Verdict v = new VerdictJudge(board).judge(fw.appBanner(), List.of(oldApp(), newApp),
                board.resource().timing().bootTimeout());
        if (v.kind() == Verdict.Kind.RIG_FAULT) {
            throw new BoardStateException("the uninterrupted restore after the " + trigger.key() + " trigger ended"
                    + " in a rig fault: " + v.detail());
        }
        return Optional.of(v);
    }

    @Override
    public void beforeVerdict() {
        board.clock().pause(TRIAL_WINDOW);
        board.console().skipPending();
        board.console().send("\r" + VERSION_QUERY);
    }

    @Override
    public Duration cutWait() {
        return TRIAL_WINDOW.plus(board.resource().timing().bootTimeout()).plus(Duration.ofSeconds(10));
    }

    @Override
    public boolean breaksPromise(Verdict verdict) {
        return !trigger.keeps(verdict, promised, oldApp().version(), newApp.version());
    }

    @Override
    public Optional<RestoreTrigger> restore() {
        return Optional.of(trigger);
    }

    @Override
    public Optional<RestoreRun> restoreRun(Optional<Verdict> uninterrupted) {
        Verdict v = uninterrupted.orElseThrow(() -> new IllegalStateException("a restore's dry run has a verdict"));
        return Optional.of(new RestoreRun(trigger, oldApp().version(), newApp.label(), newApp.version(), promised, v,
                !breaksPromise(v)));
    }
}
