package dev.brickproof.scenarios;

import dev.brickproof.api.FlashOperation;
import dev.brickproof.api.PowerCut;
import dev.brickproof.rig.Board;
import dev.brickproof.rig.BoardStateException;
import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.driver.SimulatedBoard;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.RollbackKind;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.UpdateDeadline;
import dev.brickproof.rig.update.UpdateDrivers;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictJudge;
import dev.brickproof.rig.wait.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interrupted rollback: a crashing v2 is reverted by the bootloader; power drops before one of the restore's flash
 * operations (emulator cut, exact), comes back with nothing attached, and the board must still come back to the old
 * image (flash compared). A dry run counts the restore's flash operations; the cuts are spread evenly over them
 * (first and last included). Emulated boards only: a relay cannot hit a flash operation.
 */
public final class InterruptedRollbackScenario {
    private final Board board;
    private final ScenarioSteps steps;
    private FirmwareImage bootloader;
    private Duration trialWindow = Duration.ofSeconds(2);
    private int cutCount = 6;

    public InterruptedRollbackScenario(Board board, ScenarioSteps steps) {
        this.board = board;
        this.steps = steps;
        this.bootloader = board.firmware().bootloader();
    }

    public InterruptedRollbackScenario withBootloader(FirmwareImage boot) {
        this.bootloader = boot;
        return this;
    }

    /** How many cuts, spread over the restore's flash operations (at least 2: the first and the last). */
    public InterruptedRollbackScenario withCuts(int count) {
        this.cutCount = Math.max(2, count);
        return this;
    }

    public InterruptedRollbackScenario withTrialWindow(Duration window) {
        this.trialWindow = window;
        return this;
    }

    public InterruptedRollbackResult run() {
        SimulatedBoard sim = board.simulated().orElseThrow(() -> new RigConfigurationException("the rig file",
                "boards[" + board.id() + "]", "the interrupted-rollback scenario cuts power before a given flash"
                + " operation, which only the emulator can do", "run it on an emulated board"));
        FirmwareProfile fw = board.firmware();
        FirmwareImage v1 = fw.app();
        FirmwareImage v2 = TrialBootScenario.newAppFor(fw, board.id(), RollbackKind.INTERRUPTED_RESTORE);
        int ops = steps.step("dry run: count the restore's flash operations", () -> dryRun(sim, v1, v2));
        steps.parameter("restore flash operations", ops);
        if (ops == 0) {
            return new InterruptedRollbackResult(v1.version(), v2.version(), 0, List.of());
        }
        TreeSet<Long> points = new TreeSet<>();
        for (int i = 0; i < cutCount; i++) {
            points.add((long) i * (ops - 1) / (cutCount - 1));
        }
        List<InterruptedRollbackResult.Cut> cuts = new ArrayList<>();
        for (long index : points) {
            cuts.add(steps.step("cut before restore flash op #" + index + " of " + ops, () -> cutAt(sim, v1, v2, index)));
        }
        return new InterruptedRollbackResult(v1.version(), v2.version(), ops, cuts);
    }

    /** Provision, boot v1, update to the crashing v2 and wait for its banner: the bootloader's restore comes next. */
    private void untilCrashBanner(FirmwareImage v1, FirmwareImage v2) {
        BoardStrategy strategy = board.newStrategy();
        BoardSetup.provision(board, bootloader, v1, false, steps);
        strategy.transition(BoardState.APP_RUNNING);
        UpdateDrivers.forFirmware(board.firmware()).update(board, strategy, v2, UpdateDeadline.of(board, v2),
                ProgressListener.NONE);
        board.waitFor(Wait.forConsoleLine(v2.banner()).withTimeout(board.resource().timing().bootTimeout()));
    }

    private int dryRun(SimulatedBoard sim, FirmwareImage v1, FirmwareImage v2) {
        AtomicInteger count = new AtomicInteger();
        AtomicInteger counting = new AtomicInteger();
        sim.onFlashOperation((FlashOperation op) -> {
            if (counting.get() == 1) {
                count.incrementAndGet();
            }
        });
        untilCrashBanner(v1, v2);
        counting.set(1);
        Verdict after = judge(v1, v2);   // the next banner: the old app's, once the bootloader has restored it
        counting.set(0);
        if (after.kind() != Verdict.Kind.BOOTED || !v1.version().equals(after.version())) {
            throw new BoardStateException("the interrupted-rollback scenario needs a bootloader that reverts the"
                    + " crashing app, but without a cut it gave " + after + "; run the trial-boot scenario first");
        }
        return count.get();
    }

    private InterruptedRollbackResult.Cut cutAt(SimulatedBoard sim, FirmwareImage v1, FirmwareImage v2, long index) {
        untilCrashBanner(v1, v2);
        sim.armPowerCut(PowerCut.beforeFlashOp(index));
        boolean fired;
        try {
            board.waiter().until("the power cut before restore flash op #" + index, sim::powerCutFired,
                    trialWindow.plus(board.resource().timing().bootTimeout()));
            fired = true;
        } catch (RuntimeException e) {
            fired = false;
        }
        sim.disarmPowerCut();
        board.power().off();
        board.clock().pause(board.resource().timing().powerOff());
        board.console().skipPending();
        board.power().on();
        Verdict v = judge(v1, v2);
        steps.attach("verdict after the cut before op #" + index, "text/plain", v.toString(), ".txt");
        return new InterruptedRollbackResult.Cut(index, fired, v);
    }

    private Verdict judge(FirmwareImage v1, FirmwareImage v2) {
        return new VerdictJudge(board).judge(board.firmware().appBanner(), List.of(v1, v2),
                trialWindow.plus(board.resource().timing().bootTimeout()));
    }
}
