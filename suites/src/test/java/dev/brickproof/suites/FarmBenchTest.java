package dev.brickproof.suites;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brickproof.testng.ParallelBoards;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.testng.ITestContext;
import org.testng.ITestListener;
import org.testng.ITestResult;
import org.testng.SkipException;
import org.testng.TestNG;
import org.testng.annotations.Test;

/**
 * {@code ./mvnw -B -Pbench verify}: runs a suite (default {@code scenarios.xml}, the default suite of
 * {@code ./mvnw verify}, in real time; {@code -Dbench.farm.suite=<xml>} for another) in this JVM through the
 * TestNG API: {@code smoke.xml} once untimed to warm the JVM up ({@code -Dbench.farm.warmUp=<xml>}), then the suite
 * timed with boards in parallel ({@link ParallelBoards}) and one after the other, and writes the wall times, their
 * ratio and whether both runs gave the same verdicts to {@code reports/bench/farm.json} (fields in
 * reports/README.md). A benchmark, not a test: it asserts only that both runs ran the same tests with the same
 * statuses, never a speed.
 */
public class FarmBenchTest {
    private static final Path ROOT = Path.of(System.getProperty("brickproof.root", ".."));

    @Test
    public void boardsInParallelVersusOneAfterTheOther() throws IOException {
        if (!Boolean.getBoolean("brickproof.bench")) {
            throw new SkipException("benchmark: run with ./mvnw -B -Pbench verify (sets brickproof.bench=true)");
        }
        Path suite = ROOT.resolve(System.getProperty("bench.farm.suite", "suites/src/test/resources/suites/scenarios.xml"));
        Path warmUpSuite = ROOT.resolve(System.getProperty("bench.farm.warmUp", "suites/src/test/resources/suites/smoke.xml"));
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        // an untimed first run loads and compiles the code, so neither timed run pays for the JIT
        Run warmUp = run(warmUpSuite, false);
        Run parallel = run(suite, true);
        Run sequential = run(suite, false);
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("suite", ROOT.relativize(suite).toString());
        root.put("lockstep", Boolean.getBoolean("brickproof.lockstep"));
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("loadAverageBefore", loadBefore);
        root.put("loadAverageAfter", loadAfter);
        root.put("warmUpSuite", ROOT.relativize(warmUpSuite).toString());
        root.put("warmUpSeconds", warmUp.wall().toMillis() / 1000.0);
        root.put("tests", parallel.verdicts().size());
        root.put("parallelSeconds", parallel.wall().toMillis() / 1000.0);
        root.put("sequentialSeconds", sequential.wall().toMillis() / 1000.0);
        root.put("speedup", (double) sequential.wall().toMillis() / Math.max(1, parallel.wall().toMillis()));
        root.put("identicalVerdicts", parallel.verdicts().equals(sequential.verdicts()));
        root.set("parallelStatuses", mapper.valueToTree(counts(parallel)));
        root.set("sequentialStatuses", mapper.valueToTree(counts(sequential)));
        ObjectNode differences = root.putObject("differences");
        for (String test : new java.util.TreeSet<>(union(parallel, sequential))) {
            String p = parallel.verdicts().getOrDefault(test, "not run");
            String q = sequential.verdicts().getOrDefault(test, "not run");
            if (!p.equals(q)) {
                differences.put(test, "parallel " + p + ", sequential " + q + ": "
                        + parallel.failures().getOrDefault(test, sequential.failures().getOrDefault(test, "")));
            }
        }
        root.put("finished", Instant.now().toString());
        Path out = ROOT.resolve("reports/bench/farm.json");
        Files.createDirectories(out.getParent());
        mapper.writeValue(out.toFile(), root);
        System.out.println("bench farm " + root);

        assertThat(parallel.verdicts()).as("tests run").isNotEmpty();
        assertThat(parallel.verdicts()).as("verdicts with boards in parallel vs one after the other")
                .isEqualTo(sequential.verdicts());
    }

    private record Run(Duration wall, Map<String, String> verdicts, Map<String, String> failures) {
    }

    private static Run run(Path suite, boolean parallel) {
        String before = System.getProperty(ParallelBoards.PROPERTY);
        System.setProperty(ParallelBoards.PROPERTY, Boolean.toString(parallel));
        Map<String, String> verdicts = new ConcurrentSkipListMap<>();
        Map<String, String> failures = new ConcurrentSkipListMap<>();
        TestNG testng = new TestNG(false);
        testng.setTestSuites(List.of(suite.toString()));
        testng.setOutputDirectory("target/farm-bench-" + (parallel ? "parallel" : "sequential"));
        // the nested runs' results stay out of this module's Allure results
        testng.setListenersToSkipFromBeingWiredInViaServiceLoaders("io.qameta.allure.testng.AllureTestNg");
        testng.addListener(new ITestListener() {
            @Override
            public void onTestSuccess(ITestResult r) {
                record(r, "passed");
            }

            @Override
            public void onTestFailure(ITestResult r) {
                record(r, "failed");
                failures.put(name(r), String.valueOf(r.getThrowable()));
            }

            @Override
            public void onTestSkipped(ITestResult r) {
                record(r, "skipped");
            }

            private void record(ITestResult r, String status) {
                verdicts.put(name(r), status);
            }
        });
        long start = System.nanoTime();
        try {
            testng.run();
        } finally {
            if (before == null) {
                System.clearProperty(ParallelBoards.PROPERTY);
            } else {
                System.setProperty(ParallelBoards.PROPERTY, before);
            }
        }
        return new Run(Duration.ofNanos(System.nanoTime() - start), new TreeMap<>(verdicts), new TreeMap<>(failures));
    }

    /** Method and data-provider row; injected parameters (the test context) are not part of a test's name. */
    private static String name(ITestResult r) {
        return r.getMethod().getQualifiedName() + Arrays.toString(Arrays.stream(r.getParameters())
                .filter(p -> !(p instanceof ITestContext)).toArray());
    }

    private static java.util.Set<String> union(Run a, Run b) {
        java.util.Set<String> all = new java.util.HashSet<>(a.verdicts().keySet());
        all.addAll(b.verdicts().keySet());
        return all;
    }

    private static Map<String, Long> counts(Run run) {
        Map<String, Long> counts = new TreeMap<>();
        run.verdicts().values().forEach(s -> counts.merge(s, 1L, Long::sum));
        return counts;
    }
}
