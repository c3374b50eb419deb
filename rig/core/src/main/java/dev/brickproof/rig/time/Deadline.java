package dev.brickproof.rig.time;

import java.time.Duration;
import java.util.Objects;

/**
 * A point in a {@link RigClock}'s time by which something must have happened. Passed down call chains so
 * that no layer re-derives its own timeout.
 */
public final class Deadline {
    private final RigClock clock;
    private final Duration at;
    private final Duration budget;
    private final String awaited;

    Deadline(RigClock clock, Duration at, Duration budget, String awaited) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.at = at;
        this.budget = budget;
        this.awaited = awaited;
    }

    public RigClock clock() {
        return clock;
    }

    /** Time left, never negative. */
    public Duration remaining() {
        Duration left = at.minus(clock.now());
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean expired() {
        return remaining().isZero();
    }

    /** The whole budget this deadline was created with. */
    public Duration budget() {
        return budget;
    }

    /** What the caller is waiting for, for error messages. */
    public String awaited() {
        return awaited;
    }

    /** A deadline for a sub-step: the earlier of this one and {@code budget} from now. */
    public Deadline within(Duration subBudget, String subAwaited) {
        Duration candidate = clock.now().plus(subBudget);
        Duration earlier = candidate.compareTo(at) < 0 ? candidate : at;
        return new Deadline(clock, earlier, subBudget, subAwaited);
    }

    @Override
    public String toString() {
        return "Deadline[" + awaited + ", " + remaining().toMillis() + " ms left of " + budget.toMillis() + " ms]";
    }
}
