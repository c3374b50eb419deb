package dev.brickproof.fuzz;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * Runs one fuzz case of the current property and checks the fuzzing property itself: the target returns or
 * throws one of its documented exceptions (with a message), within the case's time and allocation bounds.
 * Anything else fails the jqwik property, which then shrinks the input.
 */
final class Cases {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final TargetStats stats;
    private final FuzzTarget limits;

    Cases(TargetStats stats, FuzzTarget limits) {
        this.stats = stats;
        this.limits = limits;
    }

    /** The cases of the property now running (set up by {@link FuzzBudget}). */
    static Cases current() {
        return FuzzLedger.ofThisRun().current();
    }

    TargetStats stats() {
        return stats;
    }

    /** Runs {@code action} on one input; returns what it returned, or null when it threw a documented exception. */
    <T> T check(Outcome outcome, Supplier<T> action) {
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        Throwable thrown = null;
        T result = null;
        try {
            result = action.get();
        } catch (Throwable t) { // an OutOfMemoryError or a StackOverflowError is a finding too
            thrown = t;
        }
        long nanos = System.nanoTime() - start;
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        boolean documented = thrown == null || outcome.isDocumented(thrown);
        stats.record(outcome, nanos, allocated, thrown, documented);
        if (!documented) {
            throw new AssertionError("undocumented " + thrown + " (documented: " + outcome + ")", thrown);
        }
        if (thrown != null && (thrown.getMessage() == null || thrown.getMessage().isBlank())) {
            throw new AssertionError("a documented " + thrown.getClass().getSimpleName()
                    + " without a message: errors must name the problem", thrown);
        }
        if (nanos / 1_000_000 > limits.maxCaseMillis()) {
            throw new AssertionError("one case took " + nanos / 1_000_000 + " ms, bound " + limits.maxCaseMillis() + " ms");
        }
        if (allocated > limits.maxCaseMegabytes() << 20) {
            throw new AssertionError("one case allocated " + (allocated >> 20) + " MiB, bound "
                    + limits.maxCaseMegabytes() + " MiB: the target trusts a length from its input");
        }
        return result;
    }

    /** Same as {@link #check(Outcome, Supplier)} for actions without a result. */
    void checkRun(Outcome outcome, Runnable action) {
        check(outcome, () -> {
            action.run();
            return null;
        });
    }
}
