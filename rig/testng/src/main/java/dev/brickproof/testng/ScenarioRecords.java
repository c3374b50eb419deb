package dev.brickproof.testng;

import dev.brickproof.scenarios.ScenarioRecord;
import java.util.ArrayList;
import java.util.List;
import org.testng.ITestResult;
import org.testng.Reporter;

/**
 * The scenario results a test produced, kept on its TestNG result (an attribute) so that reports built after the
 * run (the release sign-off) can read them.
 */
public final class ScenarioRecords {
    static final String ATTRIBUTE = ScenarioRecords.class.getName();

    private ScenarioRecords() { }

    /** Adds {@code record} to the running test's result; outside a test (no TestNG result) it is dropped. */
    public static void add(ScenarioRecord record) {
        ITestResult current = Reporter.getCurrentTestResult();
        if (current != null) {
            add(current, record);
        }
    }

    @SuppressWarnings("unchecked")
    public static synchronized void add(ITestResult result, ScenarioRecord record) {
        Object list = result.getAttribute(ATTRIBUTE);
        if (list == null) {
            list = new ArrayList<ScenarioRecord>();
            result.setAttribute(ATTRIBUTE, list);
        }
        ((List<ScenarioRecord>) list).add(record);
    }

    @SuppressWarnings("unchecked")
    public static synchronized List<ScenarioRecord> of(ITestResult result) {
        Object list = result.getAttribute(ATTRIBUTE);
        return list == null ? List.of() : List.copyOf((List<ScenarioRecord>) list);
    }
}
