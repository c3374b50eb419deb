package dev.brickproof.emulator.soc;

import java.util.ArrayList;
import java.util.List;

/**
 * The peripherals that act by themselves at moments of virtual time (timers, USART shift registers, the flash
 * controller's busy period, the IWDG), and the earliest such moment. The board asks it what is due and when;
 * the earliest moment is cached for the bus hook until something reschedules ({@link #invalidate}).
 */
final class PeripheralEvents {
    private static final long STALE = Long.MIN_VALUE;
    private final List<Peripheral> timed = new ArrayList<>();
    private long earliestCache = STALE;

    void add(Peripheral p) {
        timed.add(p);
        invalidate();
    }

    /** A peripheral scheduled something new, or the board state was restored: the cached moment is stale. */
    void invalidate() {
        earliestCache = STALE;
    }

    /** The earliest next event of any timed peripheral ({@link Long#MAX_VALUE} when none is scheduled). */
    long earliestPs() {
        long t = Long.MAX_VALUE;
        for (Peripheral p : timed) {
            t = Math.min(t, p.nextEventPs());
        }
        return t;
    }

    /** Brings every peripheral whose event is due by {@code nowPs} up to it; {@code advanced} runs after each one. */
    void performDue(long nowPs, Runnable advanced) {
        for (Peripheral p : timed) {
            if (p.nextEventPs() <= nowPs) {
                p.advanceTo(nowPs);
                advanced.run();
            }
        }
        invalidate();
    }

    /** As {@link #performDue}, but only looks at the peripherals when the cached earliest moment has come. */
    void performDueIfReached(long nowPs, Runnable advanced) {
        if (earliestCache == STALE) {
            earliestCache = earliestPs();
        }
        if (nowPs >= earliestCache) {
            performDue(nowPs, advanced);
        }
    }
}
