package dev.brickproof.suites;

import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Not a suite of ours: the shape of one (parameterised rows, one failing; whole tests, one broken) that
 * {@link ShardMergeTest} runs sharded and unsharded. Not named *Test, so surefire does not run it by itself.
 */
public class ShardDemoScenarios {
    @DataProvider(name = "cuts")
    public static Object[][] cuts() {
        Object[][] rows = new Object[11][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Object[] {"board-" + (i % 3), "cut-" + i};
        }
        return rows;
    }

    @Test(dataProvider = "cuts")
    public void powerCut(String board, String cut) {
        if (cut.equals("cut-4")) {
            throw new AssertionError("PRODUCT DEFECT: expected OLD_BOOTS, got BRICKED");
        }
    }

    @Test
    public void upgrade() {
        // passes
    }

    @Test
    public void rigNegativeControl() {
        throw new IllegalStateException("RIG FAULT: port vanished");
    }

    @Test
    public void health() {
        // passes
    }
}
