package dev.brickproof.testng;

import java.util.List;
import org.testng.IAlterSuiteListener;
import org.testng.xml.XmlSuite;

/**
 * {@code -Dbrickproof.parallel=true|false}: boards of one rig run at the same time. Board scenario classes make
 * one instance per board ({@code @Factory}); with {@code parallel="instances"} TestNG runs each instance's tests on
 * one thread, in order, so every board gets its own thread and its scenarios keep their order, and each test's
 * Allure steps and attachments are made on the thread running it. Tests ({@code <test>} blocks) still run one
 * after the other. {@code -Dbrickproof.boardThreads=N} caps how many boards run at once (default: the number of
 * cores, since a real-time emulated board needs a core to keep its serial timing). Default off, from the farm
 * bench on a loaded 2-core host (reports/bench/farm.json): lockstep boards are CPU-bound, so the full lockstep
 * suite got slower in parallel (109 s vs 86 s, same verdicts); real-time smoke got faster (12 s vs 20 s, same
 * verdicts once warm) but in a cold JVM the D3 board's idle-terminated transfer lost bytes in parallel. A host
 * with spare cores, or a hardware rig, should turn it on and check the bench. Register it in the suite XML.
 */
public final class ParallelBoards implements IAlterSuiteListener {
    public static final String PROPERTY = "brickproof.parallel";
    public static final String THREADS = "brickproof.boardThreads";

    private final boolean parallel;
    private final int threads;

    public ParallelBoards() {
        this(parallelFromSystemProperties(), Integer.getInteger(THREADS, Runtime.getRuntime().availableProcessors()));
    }

    public ParallelBoards(boolean parallel, int threads) {
        if (threads < 1) {
            throw new dev.brickproof.rig.RigConfigurationException("-D" + THREADS, THREADS, threads
                    + " board threads", "write a number of at least 1");
        }
        this.parallel = parallel;
        this.threads = threads;
    }

    static boolean parallelFromSystemProperties() {
        return Boolean.parseBoolean(System.getProperty(PROPERTY, "false"));
    }

    @Override
    public void alter(List<XmlSuite> suites) {
        for (XmlSuite suite : suites) {
            if (parallel) {
                suite.setParallel(XmlSuite.ParallelMode.INSTANCES);
                suite.setThreadCount(threads);
            } else {
                suite.setParallel(XmlSuite.ParallelMode.NONE);
            }
        }
    }
}
