package dev.brickproof.testng.signoff;

import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.scenarios.ScenarioRecord;
import dev.brickproof.scenarios.UpgradeResult;
import dev.brickproof.testng.ScenarioRecords;
import io.qameta.allure.Feature;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** Test classes that {@link SignoffListenerTest} runs through TestNG (not a test of its own: no "Test" suffix). */
final class SyntheticRun {
    private SyntheticRun() { }

    /** A synthetic suite: passes, product defects, rig faults and skips on two boards, and one rig check. */
    @Feature("Upgrade")
    public static class Upgrades {
        @DataProvider
        public Object[][] rows() {
            return new Object[][] {{"board-a", "robust", "pass"}, {"board-a", "robust", "pass"},
                {"board-a", "weak", "fail"}, {"board-b", "robust", "broken"}, {"board-b", "robust", "skip"},
                {"board-b", "robust", "pass"}};
        }

        @Test(dataProvider = "rows")
        public void upgrade(String board, String variant, String how) {
            ScenarioRecords.add(new ScenarioRecord("upgrade", board, variant, new UpgradeResult("1.0",
                    how.equals("pass") ? Verdict.booted("2.0", "ok") : Verdict.bricked("no banner"), "2.0", "")));
            switch (how) {
                case "fail" -> throw new AssertionError("PRODUCT DEFECT: expected BOOTED(v2.0), got BRICKED");
                case "broken" -> throw new IllegalStateException("RIG FAULT: the port vanished");
                case "skip" -> throw new SkipException("RIG FAULT: board failed its health check");
                default -> { }
            }
        }
    }

    /** A rig check: no board. */
    @Feature("Negative controls")
    public static class RigCheck {
        @Test
        public void theRigFileLoads() {
        }
    }

}
