package dev.brickproof.suites;

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
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.TransferStopped;
import dev.brickproof.rig.update.UpdateDriver;
import dev.brickproof.rig.update.UpdateDrivers;
import dev.brickproof.rig.update.UpdatePhases;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictRules;
import dev.brickproof.rig.wait.Wait;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.testng.ITestContext;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Cuts power during an update and checks the outcome against the bootloader manifest's {@code expectedOutcome}.
 *
 * <p>Where the cut lands follows fixtures/firmware/README.md: just before the middle flash operation of the
 * phase, and for {@code transfer} one third into the programming of the image. A dry run of the same update
 * finds those operations ({@link UpdatePhases}). On an emulated board the cut is armed in the emulator
 * ({@code -Dbrickproof.cut=exact}, the default) or made by the relay as that operation starts
 * ({@code -Dbrickproof.cut=relay}, real-time boards only); on hardware only the relay can cut, a third into
 * the transfer.
 * Power then returns with nothing attached; when the manifest promises RESUMES the host repeats the transfer.
 *
 * <p>Variants whose manifest promises BRICKED or CORRUPTED are negative controls: they pass by showing that
 * the harness catches the brick.
 */
@Epic("Updates")
@Feature("Power cut")
public class PowerCutScenarios extends BoardScenario {
    private static final Map<String, UpdatePhases> DRY_RUNS = new ConcurrentHashMap<>();
    private static final boolean RELAY_CUTS = "relay".equals(System.getProperty("brickproof.cut", "exact"));

    /**
     * One row per board, bootloader variant and phase its manifest lists. In real time, designs named in the
     * suite parameter {@code realTimeCutPoints} run only the cut points named there ({@link CutPointSample});
     * lockstep runs make every cut.
     */
    @DataProvider(name = "cuts")
    public static Object[][] cuts(ITestContext context) {
        CutPointSample sample = RigSession.lockstep() ? CutPointSample.all()
                : CutPointSample.parse(context.getCurrentXmlTest().getParameter("realTimeCutPoints"));
        List<Object[]> rows = new ArrayList<>();
        for (var b : updatableBoards(f -> true)) {
            FirmwareProfile fw = b.firmware();
            List<FirmwareImage> bootloaders = new ArrayList<>();
            bootloaders.add(fw.bootloader());
            fw.variants().values().stream().filter(FirmwareImage::isBootloader).forEach(bootloaders::add);
            for (FirmwareImage boot : bootloaders) {
                for (UpdatePhase phase : UpdatePhase.values()) {
                    Outcome expected = boot.outcomeAfterCutIn(phase).orElse(Outcome.NOT_APPLICABLE);
                    boolean hardware = !b.serial().isEmulated();
                    if (expected != Outcome.NOT_APPLICABLE && (!hardware || phase == UpdatePhase.TRANSFER)
                            && sample.includes(fw.design(), boot.variant(), phase)) {
                        rows.add(new Object[] {b.id(), b.chip().name(), fw.design(), boot.variant(), phase.key()});
                    }
                }
            }
        }
        return rows.toArray(Object[][]::new);
    }

    @Test(dataProvider = "cuts", description = "power cut during an update: outcome as the bootloader manifest promises")
    public void powerCut(String board, String chip, String design, String variant, String cutPoint) {
        try {
            runPowerCut(board, design, variant, cutPoint);
        } finally {
            attachTranscripts();
        }
    }

    private void runPowerCut(String board, String design, String variant, String cutPoint) {
        AllureRig.testName("power cut in " + cutPoint + ": " + design + " (" + variant + ") on " + board);
        Board b = board(board, "power-cut-" + variant + "-" + cutPoint);
        FirmwareProfile fw = b.firmware();
        FirmwareImage boot = variant.equals(fw.bootloader().variant()) ? fw.bootloader()
                : fw.variants().values().stream().filter(v -> v.variant().equals(variant)).findFirst().orElseThrow();
        FirmwareImage v1 = fw.app();
        FirmwareImage v2 = fw.update();
        UpdatePhase phase = UpdatePhase.fromKey(cutPoint);
        Outcome expected = boot.outcomeAfterCutIn(phase).orElseThrow();
        AllureRig.parameter("expected", expected);
        io.qameta.allure.Allure.label("story", expected == Outcome.BRICKED || expected == Outcome.CORRUPTED
                ? "negative control: the weak design must be caught" : "the design keeps its promise");
        UpdateDriver driver = UpdateDrivers.forProtocol(fw.protocol());

        if (b.simulated().isEmpty()) {
            BoardStrategy strategy = startAtV1(b, boot, v1);
            AllureRig.step("update, opening the relay a third into the transfer", () -> cutByBytes(b, strategy, driver, v2));
        } else {
            SimulatedBoard sim = b.simulated().get();
            UpdatePhases phases = DRY_RUNS.computeIfAbsent(board + "/" + variant, k -> dryRun(b, boot, v1, v2, driver));
            int index = phases.cutIndex(phase).orElseThrow(() -> new RigException("RIG FAULT: the dry run of this"
                    + " update showed no flash operation of phase " + cutPoint + " although the manifest expects "
                    + expected + "; phases seen: " + phases));
            AllureRig.parameter("cut before flash op", index);
            BoardStrategy strategy = startAtV1(b, boot, v1);
            if (RELAY_CUTS && !RigSession.lockstep()) {
                AllureRig.step("update, opening the relay when flash op #" + index + " starts", () -> {
                    try (FlashOpRelayCut cut = new FlashOpRelayCut(b, sim, index)) {
                        updateUntilCut(b, strategy, driver, v2, cut::fired);
                    }
                });
            } else {
                AllureRig.step("arm an emulator power cut before flash op #" + index + ", then update", () -> {
                    sim.armPowerCut(PowerCut.beforeFlashOp(index));
                    updateUntilCut(b, strategy, driver, v2, sim::powerCutFired);
                });
                AllureRig.step("open the relay (the board is already off)", () -> b.power().off());
            }
        }
        AllureRig.step("wait " + b.resource().timing().powerOff().toMillis() + " ms, close the relay", () -> {
            b.clock().pause(b.resource().timing().powerOff());
            b.console().skipPending();
            b.power().on();
        });
        Verdict verdict = judge(b, fw, List.of(v1, v2));
        requireNoRigFault(verdict);
        if (expected == Outcome.RESUMES && verdict.kind() != Verdict.Kind.BOOTED) {
            AllureRig.step("the bootloader waits again: repeat the transfer from the host", () ->
                    driver.resume(b, v2, ProgressListener.NONE));
            verdict = judge(b, fw, List.of(v1, v2));
            requireNoRigFault(verdict);
        }
        AllureRig.flashMap(b, fw.layout(), List.of(boot, v1, v2));
        if (!VerdictRules.satisfies(verdict, expected, v1.version(), v2.version())) {
            throw productDefect(expectation(expected, v1.version(), v2.version()) + " after a cut in " + cutPoint,
                    verdict);
        }
    }

    private static void cutByBytes(Board b, BoardStrategy strategy, UpdateDriver driver, FirmwareImage v2) {
        try {
            driver.update(b, strategy, v2, p -> {
                if (p.fraction() >= 1.0 / 3) {
                    b.power().off();
                    throw new TransferStopped("relay opened at " + p.bytesDone() + " of " + p.bytesTotal() + " bytes");
                }
            });
        } catch (TransferStopped expectedStop) {
            AllureRig.parameter("cut", expectedStop.getMessage());
        }
        if (b.power().isOn()) {
            throw new RigException("RIG FAULT: the transfer ended before the cut point was reached");
        }
    }

    private static void updateUntilCut(Board b, BoardStrategy strategy, UpdateDriver driver, FirmwareImage v2,
                                       BooleanSupplier fired) {
        try {
            driver.update(b, strategy, v2, ProgressListener.NONE);
        } catch (RigException e) {
            if (!fired.getAsBoolean()) {
                throw e;
            }
        }
        b.waiter().until("the power cut", fired, Duration.ofSeconds(10));
    }

    private BoardStrategy startAtV1(Board b, FirmwareImage boot, FirmwareImage v1) {
        BoardStrategy strategy = b.newStrategy();
        provision(b, boot, v1);
        AllureRig.step("power on, expect the v" + v1.version() + " banner", () -> strategy.transition(BoardState.APP_RUNNING));
        return strategy;
    }

    /** Runs the whole update once without a cut and sorts the flash operations it caused into phases. */
    private UpdatePhases dryRun(Board b, FirmwareImage boot, FirmwareImage v1, FirmwareImage v2, UpdateDriver driver) {
        SimulatedBoard sim = b.simulated().orElseThrow();
        return AllureRig.step("dry run: record the update's flash operations", () -> {
            BoardStrategy strategy = startAtV1(b, boot, v1);
            List<FlashOperation> ops = new ArrayList<>();
            sim.onFlashOperation(op -> {
                synchronized (ops) {
                    if (ops.isEmpty() || ops.get(ops.size() - 1).index() != op.index()) {
                        ops.add(op);
                    }
                }
            });
            try {
                driver.update(b, strategy, v2, ProgressListener.NONE);
                b.waitFor(Wait.forConsoleLine(b.firmware().appBanner()).withTimeout(b.resource().timing().bootTimeout()));
            } finally {
                sim.onFlashOperation(null);
            }
            synchronized (ops) {
                UpdatePhases phases = UpdatePhases.of(b.firmware().design(), boot.variant(), boot.layout(), ops);
                AllureRig.parameter("phases", phases.toString());
                return phases;
            }
        });
    }
}
