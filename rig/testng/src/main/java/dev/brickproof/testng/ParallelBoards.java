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
 * cores, since a real-time emulated board needs a core to keep its serial timing). Unset, parallel follows
 * {@code -Dbrickproof.lockstep}: virtual-time boards cannot miss a deadline however loaded the machine is, while
 * real-time emulated boards on a loaded 2-core machine lost bytes of an idle-gap-terminated transfer (D3) when
 * run in parallel in a cold JVM (a warmed-up parallel run kept every verdict; reports/bench/farm.json). Register it in the suite XML.
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
        String text = System.getProperty(PROPERTY, "");
        return Boolean.parseBoolean(text.isBlank() ? System.getProperty("brickproof.lockstep", "false") : text);
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
