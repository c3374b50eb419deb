package dev.brickproof.suites;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.UpdatePhase;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.TransferStopped;
import dev.brickproof.rig.update.UpdateDeadline;
import dev.brickproof.rig.update.UpdateDriver;
import dev.brickproof.rig.update.UpdateDrivers;
import dev.brickproof.rig.update.UpdatePhases;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictRules;
import dev.brickproof.rig.wait.Wait;
import dev.brickproof.scenarios.PowerCutResult;
import dev.brickproof.scenarios.PowerCutScenario;
import dev.brickproof.testng.Recoverability;
import dev.brickproof.testng.RigSession;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.testng.ITestContext;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Factory;
import org.testng.annotations.Test;

/**
 * One power cut per bootloader variant and update phase its manifest lists, judged against the manifest's
 * {@code expectedOutcome} ({@link PowerCutScenario}). {@code -Dbrickproof.cut=relay}: on real-time emulated
 * boards the relay opens as the flash operation starts instead of the emulator cutting exactly.
 *
 * <p>Variants whose manifest promises BRICKED or CORRUPTED are negative controls: they pass by showing that
 * the harness catches the brick.
 */
@Epic("Updates")
@Feature("Power cut")
public class PowerCutScenarios extends BoardScenario {
    private final PowerCutScenario scenario = new PowerCutScenario(steps)
            .relayCuts("relay".equals(System.getProperty("brickproof.cut", "exact")))
            .provisionThroughRom(throughRom);

    public PowerCutScenarios() {
        super();
    }

    PowerCutScenarios(String board) {
        super(board);
    }

    @Factory
    public static Object[] eachBoard(ITestContext context) {
        return perBoard(context, PowerCutScenarios::new);
    }

    /**
     * One row per board, bootloader variant and phase its manifest lists. In real time, designs named in the
     * suite parameter {@code realTimeCutPoints} run only the cut points named there ({@link CutPointSample});
     * lockstep runs make every cut.
     */
    @DataProvider(name = "cuts")
    public Object[][] cuts(ITestContext context) {
        RigSession session = RigSession.of(context);
        CutPointSample sample = session.lockstep() ? CutPointSample.all()
                : CutPointSample.parse(context.getCurrentXmlTest().getParameter("realTimeCutPoints"));
        List<Object[]> rows = new ArrayList<>();
        for (var b : updatableBoards(session, f -> true).stream().filter(b -> runs(b.id())).toList()) {
            FirmwareProfile fw = b.firmware();
            for (FirmwareImage boot : bootloaders(fw)) {
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

    static List<FirmwareImage> bootloaders(FirmwareProfile fw) {
        List<FirmwareImage> bootloaders = new ArrayList<>();
        bootloaders.add(fw.bootloader());
        // variants that promise nothing about cuts (trial-boot loaders: rollback: only) are not swept or cut
        fw.variants().values().stream().filter(FirmwareImage::isBootloader).filter(b -> !b.expectedOutcome().isEmpty())
                .forEach(bootloaders::add);
        return bootloaders;
    }

    @Test(dataProvider = "cuts", description = "power cut during an update: outcome as the bootloader manifest promises")
    public void powerCut(String board, String chip, String design, String variant, String cutPoint) {
        try {
            steps.testName("power cut in " + cutPoint + ": " + design + " (" + variant + ") on " + board);
            Board b = board(board, "power-cut-" + variant + "-" + cutPoint);
            FirmwareImage boot = bootloaders(b.firmware()).stream().filter(v -> v.variant().equals(variant))
                    .findFirst().orElseThrow();
            UpdatePhase phase = UpdatePhase.fromKey(cutPoint);
            Outcome expected = boot.outcomeAfterCutIn(phase).orElseThrow();
            steps.label("story", expected == Outcome.BRICKED || expected == Outcome.CORRUPTED
                    ? "negative control: the weak design must be caught" : "the design keeps its promise");
            PowerCutResult r = scenario.run(b, boot, phase);
            requireNoRigFault(r.verdict());
            if (!r.promiseKept()) {
                throw productDefect(r.expectation() + " after a cut in " + cutPoint, r.verdict());
            }
            Recoverability.require(r.forensics());
        } finally {
            attachTranscripts();
        }
    }
}
