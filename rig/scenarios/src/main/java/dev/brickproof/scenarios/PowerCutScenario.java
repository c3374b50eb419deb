package dev.brickproof.scenarios;

import dev.brickproof.api.FlashOperation;
import dev.brickproof.api.PowerCut;
import dev.brickproof.rig.Board;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.driver.SimulatedBoard;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.UpdatePhase;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.TransferStopped;
import dev.brickproof.rig.update.UpdateDriver;
import dev.brickproof.rig.update.UpdateDeadline;
import dev.brickproof.rig.update.UpdateDrivers;
import dev.brickproof.rig.update.UpdatePhases;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.wait.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Cuts power once during an update, in a named phase, and judges the outcome against the bootloader manifest's
 * {@code expectedOutcome}.
 *
 * <p>Where the cut lands follows fixtures/firmware/README.md: just before the middle flash operation of the
 * phase, and for {@code transfer} one third into the programming of the image; a dry run of the same update
 * finds those operations ({@link UpdatePhases}, kept per board and variant by this object). On an emulated board
 * the cut is armed in the emulator, or made by the relay as that operation starts ({@link #relayCuts}, real-time
 * boards only); on hardware only the relay can cut, a third into the transfer. Power then returns with nothing
 * attached; when the manifest promises RESUMES the host repeats the transfer. For every cut point at once, see
 * {@link CutSweep}.
 */
public final class PowerCutScenario {
    private final Map<String, UpdatePhases> dryRuns = new ConcurrentHashMap<>();
    private final ScenarioSteps steps;
    private boolean relayCuts;
    private boolean throughRom;

    public PowerCutScenario(ScenarioSteps steps) {
        this.steps = steps;
    }

    /** On real-time emulated boards, open the relay as the operation starts instead of arming the emulator. */
    public PowerCutScenario relayCuts(boolean on) {
        this.relayCuts = on;
        return this;
    }

    public PowerCutScenario provisionThroughRom(boolean on) {
        this.throughRom = on;
        return this;
    }

    /** Cuts power in {@code phase} of the update of {@code board} with bootloader {@code boot} and judges. */
    public PowerCutResult run(Board board, FirmwareImage boot, UpdatePhase phase) {
        FirmwareProfile fw = board.firmware();
        FirmwareImage v1 = fw.app();
        FirmwareImage v2 = fw.update();
        Outcome expected = boot.outcomeAfterCutIn(phase).orElseThrow(() -> new IllegalArgumentException(
                boot.label() + " promises nothing for a cut in " + phase.key()));
        steps.parameter("expected", expected);
        UpdateDriver driver = UpdateDrivers.forFirmware(fw);
        Optional<Integer> index = Optional.empty();
        if (board.simulated().isEmpty()) {
            BoardStrategy strategy = BoardSetup.startAtV1(board, boot, throughRom, steps);
            steps.step("update, opening the relay a third into the transfer", () -> cutByBytes(board, strategy, driver, v2));
        } else {
            SimulatedBoard sim = board.simulated().get();
            UpdatePhases phases = dryRuns.computeIfAbsent(board.id() + "/" + boot.variant(),
                    k -> dryRun(board, boot, driver));
            int cut = phases.cutIndex(phase).orElseThrow(() -> new RigException("RIG FAULT: the dry run of this"
                    + " update showed no flash operation of phase " + phase.key() + " although the manifest expects "
                    + expected + "; phases seen: " + phases));
            index = Optional.of(cut);
            steps.parameter("cut before flash op", cut);
            BoardStrategy strategy = BoardSetup.startAtV1(board, boot, throughRom, steps);
            if (relayCuts && board.resource().serial().isEmulated() && !(board.clock()
                    instanceof dev.brickproof.rig.time.VirtualClock)) {
                steps.step("update, opening the relay when flash op #" + cut + " starts", () -> {
                    try (FlashOpRelayCut relay = new FlashOpRelayCut(board, sim, cut)) {
                        updateUntilCut(board, strategy, driver, v2, relay::fired);
                    }
                });
            } else {
                steps.step("arm an emulator power cut before flash op #" + cut + ", then update", () -> {
                    sim.armPowerCut(PowerCut.beforeFlashOp(cut));
                    updateUntilCut(board, strategy, driver, v2, sim::powerCutFired);
                });
                steps.step("open the relay (the board is already off)", () -> board.power().off());
            }
        }
        steps.step("wait " + board.resource().timing().powerOff().toMillis() + " ms, close the relay", () -> {
            board.clock().pause(board.resource().timing().powerOff());
            board.console().skipPending();
            board.power().on();
        });
        Verdict verdict = BoardSetup.judge(board, steps);
        if (expected == Outcome.RESUMES && verdict.isProductDefectCandidate()) {
            steps.step("the bootloader waits again: repeat the transfer from the host", () ->
                    driver.resume(board, v2, UpdateDeadline.of(board, v2), ProgressListener.NONE));
            verdict = BoardSetup.judge(board, steps);
        }
        Optional<ForensicsResult> forensics = new Forensics(board, steps).ifNeeded(verdict, new PowerCutResult(phase,
                expected, index, verdict, v1.version(), v2.version(), "").expectedVersion(), boot,
                "power-cut-" + boot.variant() + "-" + phase.key());
        String map = forensics.map(ForensicsResult::flashMap)
                .orElseGet(() -> BoardSetup.flashMap(board, List.of(boot, v1, v2), steps));
        PowerCutResult result = new PowerCutResult(phase, expected, index, verdict, v1.version(), v2.version(), map,
                forensics);
        steps.record(new ScenarioRecord("power cut", board.id(), boot.variant(), result));
        return result;
    }

    private void cutByBytes(Board b, BoardStrategy strategy, UpdateDriver driver, FirmwareImage v2) {
        try {
            driver.update(b, strategy, v2, UpdateDeadline.of(b, v2), p -> {
                if (p.fraction() >= 1.0 / 3) {
                    b.power().off();
                    throw new TransferStopped("relay opened at " + p.bytesDone() + " of " + p.bytesTotal() + " bytes");
                }
            });
        } catch (TransferStopped expectedStop) {
            steps.parameter("cut", expectedStop.getMessage());
        }
        if (b.power().isOn()) {
            throw new RigException("RIG FAULT: the transfer ended before the cut point was reached");
        }
    }

    private static void updateUntilCut(Board b, BoardStrategy strategy, UpdateDriver driver, FirmwareImage v2,
                                       BooleanSupplier fired) {
        try {
            driver.update(b, strategy, v2, UpdateDeadline.of(b, v2), ProgressListener.NONE);
        } catch (RigException e) {
            if (!fired.getAsBoolean()) {
                throw e;
            }
        }
        b.waiter().until("the power cut", fired, Duration.ofSeconds(10));
    }

    /** Runs the whole update once without a cut and sorts the flash operations it caused into phases. */
    private UpdatePhases dryRun(Board b, FirmwareImage boot, UpdateDriver driver) {
        SimulatedBoard sim = b.simulated().orElseThrow();
        return steps.step("dry run: record the update's flash operations", () -> {
            BoardStrategy strategy = BoardSetup.startAtV1(b, boot, throughRom, steps);
            List<FlashOperation> ops = new ArrayList<>();
            sim.onFlashOperation(op -> {
                synchronized (ops) {
                    if (ops.isEmpty() || ops.get(ops.size() - 1).index() != op.index()) {
                        ops.add(op);
                    }
                }
            });
            try {
                driver.update(b, strategy, b.firmware().update(), UpdateDeadline.of(b, b.firmware().update()), ProgressListener.NONE);
                b.waitFor(Wait.forConsoleLine(b.firmware().appBanner()).withTimeout(b.resource().timing().bootTimeout()));
            } finally {
                sim.onFlashOperation(null);
            }
            synchronized (ops) {
                UpdatePhases phases = UpdatePhases.of(b.firmware().design(), boot.variant(), boot.layout(), ops);
                steps.parameter("phases", phases.toString());
                return phases;
            }
        });
    }
}
