package dev.brickproof.emulator.soc;

import java.math.BigInteger;
import java.util.function.LongSupplier;

/**
 * The board's virtual time in picoseconds, derived from the core's cycle counter at HCLK. Each clock switch starts
 * a new epoch ({@link #switchTo}); the sub-picosecond remainder is carried so nothing drifts, and the conversions
 * cycles → ps ({@link #psAfterCycles}) and ps → cycles ({@link #cyclesUntil}) are exact inverses of each other.
 * Not thread-safe: owned by the one thread driving the board.
 */
final class VirtualClock {
    static final long PS_PER_S = 1_000_000_000_000L;

    private final LongSupplier cycles;
    private long timePs;
    private long remainder;
    private long baseCycles;
    private long hz;

    VirtualClock(LongSupplier cycles, long hz) {
        this.cycles = cycles;
        this.hz = hz;
    }

    /** Virtual time now, the cycles run since the last commit included. */
    long nowPs() {
        long d = cycles.getAsLong() - baseCycles;
        return d == 0 ? timePs : timePs + (d * PS_PER_S + remainder) / hz;
    }

    /** Folds the cycles run since the last commit into the time (exact, remainder carried). */
    void commit() {
        long d = cycles.getAsLong() - baseCycles;
        while (d > 0) {
            long part = Math.min(d, 4_000_000L);
            long num = part * PS_PER_S + remainder;
            timePs += num / hz;
            remainder = num % hz;
            d -= part;
        }
        baseCycles = cycles.getAsLong();
    }

    /** HCLK changed: the cycles so far count at the old rate, the ones from now at {@code newHz}. */
    void switchTo(long newHz) {
        commit();
        remainder = 0;
        hz = newHz;
    }

    /** A reset: HCLK is {@code newHz} from the core's current cycle on (the time itself is kept). */
    void restartAt(long newHz) {
        hz = newHz;
        baseCycles = cycles.getAsLong();
    }

    /** Time passes while the core is not clocked: the clock jumps to {@code ps}, no cycles counted. */
    void jumpTo(long ps) {
        commit();
        timePs = ps;
        remainder = 0;
        baseCycles = cycles.getAsLong();
    }

    /**
     * The virtual time after {@code c} more cycles, exactly as {@link #nowPs} will read then (integer arithmetic,
     * remainder included): an idle skip to it and running {@code c} cycles land on the same picosecond.
     */
    long psAfterCycles(long c) {
        if (c == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long total = cycles.getAsLong() - baseCycles + c;
        if (total <= Long.MAX_VALUE / PS_PER_S - 1) {
            return saturatedAdd(timePs, (total * PS_PER_S + remainder) / hz);
        }
        BigInteger n = BigInteger.valueOf(total).multiply(BigInteger.valueOf(PS_PER_S)).add(BigInteger.valueOf(remainder));
        BigInteger t = n.divide(BigInteger.valueOf(hz)).add(BigInteger.valueOf(timePs));
        return t.bitLength() < 63 ? t.longValue() : Long.MAX_VALUE;
    }

    /**
     * The fewest cycles after which virtual time is at or past {@code ps} (0 if it already is): the exact inverse
     * of {@link #psAfterCycles}, so skipping idle time never hands the core's timers a cycle more or less than
     * running would (a rounded conversion each way made every skip one cycle long: SysTick ran ~14 us per
     * second ahead at 72 MHz).
     */
    long cyclesUntil(long ps) {
        if (ps == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long d = cycles.getAsLong() - baseCycles;
        long span = ps - timePs;
        long needed;
        if (span <= 0) {
            return 0;
        } else if (span < Long.MAX_VALUE / hz) {
            needed = ceilDiv(span * hz - remainder, PS_PER_S);
        } else {
            BigInteger n = BigInteger.valueOf(span).multiply(BigInteger.valueOf(hz)).subtract(BigInteger.valueOf(remainder));
            BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(PS_PER_S));
            BigInteger q = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
            needed = q.bitLength() < 63 ? q.longValue() : Long.MAX_VALUE;
        }
        return Math.max(0, needed - d);
    }

    /** The four numbers a board snapshot keeps: time, remainder, epoch start cycle, HCLK. */
    long[] saveState() {
        return new long[] {timePs, remainder, baseCycles, hz};
    }

    void restoreState(long[] state) {
        timePs = state[0];
        remainder = state[1];
        baseCycles = state[2];
        hz = state[3];
    }

    private static long ceilDiv(long n, long d) {
        return n <= 0 ? -(-n / d) : (n + d - 1) / d;
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
