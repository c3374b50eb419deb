package dev.brickproof.testng.signoff;

import dev.brickproof.scenarios.ScenarioRecord;
import java.util.List;
import java.util.Optional;

/**
 * One test of the run as the sign-off sees it.
 *
 * @param name        the test's name with its parameters
 * @param kind        the scenario kind (the test class's Allure feature, e.g. "Power cut")
 * @param status      how it ended, counted as Allure counts it
 * @param message     the failure's message ("" when passed)
 * @param records     the scenario results it reported
 * @param board       the board it ran on, when its parameters name one
 * @param bootloader  the bootloader variant, when its parameters name one
 */
public record TestOutcome(String name, String kind, Status status, String message, List<ScenarioRecord> records,
                          Optional<String> board, Optional<String> bootloader) {

    public TestOutcome {
        records = List.copyOf(records);
    }

    /** Allure's statuses: a failed assertion is a product verdict, any other error is broken. */
    public enum Status {
        PASSED, FAILED, BROKEN, SKIPPED
    }
}
