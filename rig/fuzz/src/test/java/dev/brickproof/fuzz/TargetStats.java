package dev.brickproof.fuzz;

import java.util.Map;
import java.util.TreeMap;

/** The figures of one fuzzed property: cases run, what they threw, the slowest and the hungriest case. */
final class TargetStats {
    private final String target;
    private final String property;
    private final String seed;
    private Outcome outcome;
    private long cases;
    private long undocumented;
    private String firstUndocumented;
    private long maxCaseNanos;
    private long maxCaseAllocated;
    private final Map<String, Long> thrown = new TreeMap<>();
    private String status = "RUNNING";

    TargetStats(String target, String property, String seed) {
        this.target = target;
        this.property = property;
        this.seed = seed;
    }

    synchronized void record(Outcome outcome, long nanos, long allocated, Throwable thrownOrNull, boolean documented) {
        this.outcome = outcome;
        cases++;
        maxCaseNanos = Math.max(maxCaseNanos, nanos);
        maxCaseAllocated = Math.max(maxCaseAllocated, allocated);
        String key = thrownOrNull == null ? "(returned)" : thrownOrNull.getClass().getSimpleName();
        thrown.merge(key, 1L, Long::sum);
        if (thrownOrNull != null && !documented) {
            undocumented++;
            if (firstUndocumented == null) {
                firstUndocumented = thrownOrNull.toString();
            }
        }
    }

    synchronized void finish(String status) {
        this.status = status;
    }

    String target() {
        return target;
    }

    String property() {
        return property;
    }

    String seed() {
        return seed;
    }

    synchronized long cases() {
        return cases;
    }

    synchronized long undocumented() {
        return undocumented;
    }

    synchronized String firstUndocumented() {
        return firstUndocumented;
    }

    synchronized double maxCaseMillis() {
        return maxCaseNanos / 1e6;
    }

    synchronized long maxCaseAllocated() {
        return maxCaseAllocated;
    }

    synchronized Map<String, Long> thrown() {
        return new TreeMap<>(thrown);
    }

    synchronized String status() {
        return status;
    }

    synchronized String documented() {
        return outcome == null ? "[]" : outcome.toString();
    }
}
