package dev.brickproof.suites;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.scenarios.CutReplay;
import dev.brickproof.scenarios.CutSweep;
import dev.brickproof.scenarios.Finding;
import dev.brickproof.scenarios.SweepResult;
import dev.brickproof.testng.AllureSteps;
import dev.brickproof.testng.Recoverability;
import dev.brickproof.testng.RigSession;
import dev.brickproof.testng.SweepReport;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.testng.ITestContext;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * A power-cut sweep of every emulated board and bootloader variant ({@link CutSweep}, lockstep forks of the
 * rig's boards): one test per sweep with the picture of it, then one test per finding that replays the
 * finding's first cut literally and shows the flash against v1 and v2.
 *
 * <p>{@code -Dbrickproof.sweep=full} cuts before every operation; by default every {@code sweepStride}-th
 * (suite parameter) — the windows stay visible, the suite stays fast. A variant whose manifest promises
 * neither BRICKED nor CORRUPTED must show no bad cut point; a negative control must show at least one finding.
 */
@Epic("Updates")
@Feature("Power-cut sweep")
public class SweepScenarios {
    private final AllureSteps steps = new AllureSteps();
    private final Map<String, SweepResult> sweeps = new ConcurrentHashMap<>();
    private RigSession session;
    private int stride;

    @BeforeClass(alwaysRun = true)
    public void joinSession(ITestContext context) {
        session = RigSession.of(context);
        stride = stride(context);
    }

    static int stride(ITestContext context) {
        if ("full".equals(System.getProperty("brickproof.sweep", "strided"))) {
            return 1;
        }
        String p = context.getCurrentXmlTest().getParameter("sweepStride");
        return p == null ? 16 : Integer.parseInt(p.trim());
    }

    @DataProvider(name = "sweeps")
    public Object[][] sweeps(ITestContext context) {
        List<Object[]> rows = new ArrayList<>();
        for (var b : BoardScenario.updatableBoards(RigSession.of(context), f -> true)) {
            if (b.serial().isEmulated()) {
                for (FirmwareImage boot : PowerCutScenarios.bootloaders(b.firmware())) {
                    rows.add(new Object[] {b.id(), b.firmware().design(), boot.variant(), negativeControl(boot)});
                }
            }
        }
        return rows.toArray(Object[][]::new);
    }

    private static boolean negativeControl(FirmwareImage boot) {
        return boot.expectedOutcome().containsValue(Outcome.BRICKED)
                || boot.expectedOutcome().containsValue(Outcome.CORRUPTED);
    }

    @Test(dataProvider = "sweeps", description = "power-cut sweep over the update's flash operations")
    public void sweep(String board, String design, String variant, boolean negativeControl) {
        steps.testName("sweep " + design + " (" + variant + ") on " + board + (stride == 1 ? ", every operation"
                : ", every " + stride + "th operation"));
        steps.label("story", negativeControl ? "negative control: the sweep must find the bad window"
                : "no cut point may brick or corrupt");
        SweepResult r = steps.step("sweep before every " + (stride == 1 ? "" : stride + "th ")
                + "flash operation and after the last", () -> CutSweep.of(session.description(), board)
                .variant(variant).stride(stride).run());
        sweeps.put(board + "/" + variant, r);
        SweepReport.attach(r);
        assertThat(r.outcomes()).as("rig faults during the sweep").noneMatch(c -> c.verdict().kind()
                == Verdict.Kind.RIG_FAULT);
        if (negativeControl) {
            assertThat(r.findings()).as("the sweep of negative control %s %s finds its bad window", design, variant)
                    .isNotEmpty();
        } else if (!r.findings().isEmpty()) {
            throw new AssertionError("PRODUCT DEFECT: " + r.badCuts() + " cut points of " + design + " (" + variant
                    + ") brick or corrupt the board, e.g. " + r.findings().get(0).summary() + ": "
                    + r.findings().get(0).verdict());
        }
    }

    @DataProvider(name = "findings")
    public Object[][] findings() {
        List<Object[]> rows = new ArrayList<>();
        sweeps.forEach((key, r) -> {
            for (Finding f : r.findings()) {
                rows.add(new Object[] {r.board(), r.design(), r.variant(), f.first().toString()});
            }
        });
        rows.sort((a, b) -> (a[0] + " " + a[2] + " " + a[3]).compareTo(b[0] + " " + b[2] + " " + b[3]));
        return rows.toArray(Object[][]::new);
    }

    @Test(dataProvider = "findings", dependsOnMethods = "sweep", alwaysRun = true,
            description = "a finding of a sweep, replayed from its first cut")
    public void finding(String board, String design, String variant, String first) {
        SweepResult r = sweeps.get(board + "/" + variant);
        Finding f = r.findings().stream().filter(x -> x.first().toString().equals(first)).findFirst().orElseThrow();
        steps.testName(f.verdict().kind() + " " + design + " (" + variant + ") on " + board + ": " + f.first()
                + (f.cuts() > 1 ? " .. " + f.last() : "") + " (" + f.phase() + ")");
        CutReplay.Replayed replayed = steps.step("replay " + f.first() + " literally (the update again, the cut armed"
                + " in the emulator)", () -> new CutReplay(session.description(), board, variant)
                .withForensics(steps).replay(f.first()));
        SweepReport.attach(f, replayed);
        assertThat(replayed.outcome().verdictKey()).as("the replay's verdict").isEqualTo(
                r.outcomes().stream().filter(c -> c.cut().equals(f.first())).findFirst().orElseThrow().verdictKey());
        assertThat(replayed.outcome().flashDigest()).as("the replay's flash").isEqualTo(f.flashDigest());
        Recoverability.require(replayed.forensics());
        boolean negativeControl = PowerCutScenarios.bootloaders(session.description().board(board).orElseThrow()
                .firmware()).stream().filter(b -> b.variant().equals(variant)).anyMatch(SweepScenarios::negativeControl);
        if (!negativeControl) {
            throw new AssertionError("PRODUCT DEFECT: " + f.summary() + ": " + f.verdict());
        }
    }
}
