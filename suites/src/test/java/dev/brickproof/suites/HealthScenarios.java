package dev.brickproof.suites;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.health.HealthCheck;
import dev.brickproof.rig.health.HealthReport;
import dev.brickproof.testng.AllureSteps;
import dev.brickproof.testng.RigSession;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.testng.ITestContext;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * The rig's health jobs (as LAVA runs them before real work), one test per board, first in the suite: the ROM
 * bootloader answers with the chip's ID, provisioning works, relay off/on and NRST show the bootloader banner, relay
 * off silences the console. A board that fails is reported here as a rig fault and every later scenario on it is
 * skipped as a rig fault, never run into product verdicts.
 */
@Epic("Rig")
@Feature("Health")
public class HealthScenarios {
    private final AllureSteps steps = new AllureSteps();
    private RigSession session;

    @BeforeClass(alwaysRun = true)
    public void joinSession(ITestContext context) {
        session = RigSession.of(context);
    }

    @DataProvider(name = "boards")
    public Object[][] boards(ITestContext context) {
        return RigSession.of(context).description().boards().stream()
                .map(b -> new Object[] {b.id(), b.chip().name()}).toArray(Object[][]::new);
    }

    @EveryShard
    @Test(dataProvider = "boards", description = "health check: the rig controls the board")
    public void health(String board, String chip) {
        steps.testName("health of " + board + " (" + chip + ")");
        Board b = steps.step("open board " + board, () -> session.rig().board(board));
        HealthReport report = steps.step("health job", () -> new HealthCheck(b).run());
        session.recordHealth(report);
        for (HealthReport.Probe probe : report.probes()) {
            steps.step(probe.name() + ": " + probe.status().name().toLowerCase() + " — " + probe.detail(), () -> { });
        }
        if (!report.healthy()) {
            throw new AssertionError("RIG FAULT: " + session.healthProblem(board).orElseThrow());
        }
    }

}
