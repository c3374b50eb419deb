package dev.brickproof.suites;

import dev.brickproof.emulator.FlashOperation;
import dev.brickproof.emulator.PowerCut;
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
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictRules;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Cuts power during an update and checks the outcome against the bootloader manifest's {@code expectedOutcome}.
 * "transfer" cuts the relay half-way through the host's stream; flash phases are cut by the emulator in the
 * middle of the first flash operation of that phase (erase/program of the application region, flag writes
 * before and after them), found by a dry run of the same update. Variants whose manifest promises BRICKED or
 * CORRUPTED are negative controls: they pass by showing the harness catches the brick.
 */
@Epic("Updates")
@Feature("Power cut")
public class PowerCutScenarios extends BoardScenario {
    /** Flash operations of a whole update, by board and bootloader variant, from a dry run. */
    private static final Map<String, List<FlashOperation>> DRY_RUNS = new ConcurrentHashMap<>();

    @DataProvider(name = "cuts")
    public static Object[][] cuts() {
        List<Object[]> rows = new ArrayList<>();
        for (var b : updatableBoards(f -> true)) {
            FirmwareProfile fw = b.firmware();
            List<FirmwareImage> bootloaders = new ArrayList<>();
            bootloaders.add(fw.bootloader());
            fw.variants().values().stream().filter(FirmwareImage::isBootloader).forEach(bootloaders::add);
            for (FirmwareImage boot : bootloaders) {
                for (UpdatePhase phase : UpdatePhase.values()) {
                    Outcome expected = boot.outcomeAfterCutIn(phase).orElse(Outcome.NOT_APPLICABLE);
                    if (expected != Outcome.NOT_APPLICABLE && hostCanCut(fw, phase)) {
                        rows.add(new Object[] {b.id(), b.chip().name(), fw.design(), boot.variant(), phase.key()});
                    }
                }
            }
        }
        return rows.toArray(Object[][]::new);
    }

    private static boolean hostCanCut(FirmwareProfile fw, UpdatePhase phase) {
        return phase != UpdatePhase.APPLY || fw.layout().region("appbak").isPresent() || fw.layout().region("ota").isPresent();
    }

    @Test(dataProvider = "cuts", description = "power cut during an update: outcome as the bootloader manifest promises")
    public void powerCut(String board, String chip, String design, String variant, String cutPoint) {
        Board b = board(board, "power-cut-" + variant + "-" + cutPoint);
        FirmwareProfile fw = b.firmware();
        SimulatedBoard sim = b.simulated().orElseThrow(() -> new SkipException(
                "exact power cuts need an emulated board; on hardware run the relay-only 'transfer' cut"));
        FirmwareImage boot = variant.equals(fw.bootloader().variant()) ? fw.bootloader()
                : fw.variants().values().stream().filter(v -> v.variant().equals(variant)).findFirst().orElseThrow();
        FirmwareImage v1 = fw.app();
        FirmwareImage v2 = fw.update();
        UpdatePhase phase = UpdatePhase.fromKey(cutPoint);
        Outcome expected = boot.outcomeAfterCutIn(phase).orElseThrow();
        AllureRig.parameter("expected", expected);
        UpdateDriver driver = UpdateDrivers.forProtocol(fw.protocol());

        BoardStrategy strategy = startAtV1(b, boot, v1);
        if (phase == UpdatePhase.TRANSFER) {
            AllureRig.step("update, cutting the relay half-way through the transfer", () -> {
                try {
                    driver.update(b, strategy, v2, p -> {
                        if (p.fraction() >= 0.5) {
                            b.power().off();
                            throw new TransferStopped("relay opened at " + p.bytesDone() + " of " + p.bytesTotal() + " bytes");
                        }
                    });
                } catch (TransferStopped expectedStop) {
                    // the cut happened
                }
            });
            if (b.power().isOn()) {
                throw new RigException("RIG FAULT: the transfer ended before the cut point was reached");
            }
        } else {
            List<FlashOperation> dry = DRY_RUNS.computeIfAbsent(board + "/" + variant, k -> dryRun(b, driver, v2));
            int index = firstOperationOf(phase, dry, fw);
            if (index < 0) {
                throw new RigException("RIG FAULT: the dry run of this update showed no flash operation of phase "
                        + cutPoint + " although the manifest expects " + expected + "; flash operations were " + dry);
            }
            FlashOperation op = dry.get(index);
            AllureRig.parameter("cut", op.kind() + " #" + index + " at 0x" + Integer.toHexString(op.address()));
            strategy.invalidate();
            AllureRig.step("re-provision and boot v" + v1.version(), () -> {
                provision(b, boot, v1);
                strategy.force(BoardState.APP_RUNNING);
            });
            AllureRig.step("arm a power cut half-way through " + op.kind() + " #" + index + " at 0x"
                    + Integer.toHexString(op.address()) + ", then update", () -> {
                sim.armPowerCut(PowerCut.duringFlashOp(index, 0.5));
                try {
                    driver.update(b, strategy, v2, ProgressListener.NONE);
                } catch (RigException e) {
                    if (!sim.powerCutFired()) {
                        throw e;
                    }
                }
                b.waiter().until("the armed power cut", sim::powerCutFired, Duration.ofSeconds(10));
            });
            AllureRig.step("open the relay (the board is already off)", () -> b.power().off());
        }
        AllureRig.step("wait " + b.resource().timing().powerOff().toMillis() + " ms, close the relay",
                () -> {
                    b.clock().pause(b.resource().timing().powerOff());
                    b.console().skipPending();
                    b.power().on();
                });
        Verdict verdict = judge(b, fw, List.of(v1, v2));
        requireNoRigFault(verdict);
        if (expected == Outcome.RESUMES && verdict.kind() == Verdict.Kind.BRICKED) {
            AllureRig.step("the bootloader waits again: resume the transfer", () ->
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

    private BoardStrategy startAtV1(Board b, FirmwareImage boot, FirmwareImage v1) {
        BoardStrategy strategy = b.newStrategy();
        provision(b, boot, v1);
        AllureRig.step("power on, expect the v" + v1.version() + " banner", () -> strategy.transition(BoardState.APP_RUNNING));
        return strategy;
    }

    /** Runs the whole update once without a cut and returns the flash operations it caused. */
    private static List<FlashOperation> dryRun(Board b, UpdateDriver driver, FirmwareImage v2) {
        SimulatedBoard sim = b.simulated().orElseThrow();
        return AllureRig.step("dry run: record the update's flash operations", () -> {
            BoardStrategy strategy = b.newStrategy();
            strategy.transition(BoardState.APP_RUNNING);
            int before = sim.flashOperations().size();
            driver.update(b, strategy, v2, ProgressListener.NONE);
            b.waitFor(dev.brickproof.rig.wait.Wait.forConsoleLine(b.firmware().appBanner())
                    .withTimeout(b.resource().timing().bootTimeout()));
            List<FlashOperation> all = sim.flashOperations();
            return List.copyOf(all.subList(before, all.size()));
        });
    }

    /**
     * Index (from the start of the update) of the first flash operation of {@code phase}: erases and programs of
     * the application region are "erase" and "program" (or "apply" when the design downloads elsewhere first);
     * operations on a download region are "transfer"; flag/KV operations before any application write are
     * "flag-write", after them "commit".
     */
    static int firstOperationOf(UpdatePhase phase, List<FlashOperation> ops, FirmwareProfile fw) {
        var layout = fw.layout();
        boolean staged = layout.region("appbak").isPresent() || layout.region("ota").isPresent();
        boolean appTouched = false;
        for (int i = 0; i < ops.size(); i++) {
            FlashOperation op = ops.get(i);
            String region = layout.regionAt(op.address()).map(r -> r.name()).orElse("");
            UpdatePhase p;
            if (region.equals("app")) {
                p = staged ? UpdatePhase.APPLY : op.kind() == FlashOperation.Kind.PROGRAM ? UpdatePhase.PROGRAM : UpdatePhase.ERASE;
                appTouched = true;
            } else if (region.equals("appbak") || region.equals("ota")) {
                p = UpdatePhase.TRANSFER;
            } else if (region.equals("flag") || region.equals("kv")) {
                p = appTouched ? UpdatePhase.COMMIT : UpdatePhase.FLAG_WRITE;
            } else {
                continue;
            }
            if (p == phase) {
                return i;
            }
        }
        return -1;
    }
}
