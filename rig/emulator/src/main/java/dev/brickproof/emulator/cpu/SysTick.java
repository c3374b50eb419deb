package dev.brickproof.emulator.cpu;

/**
 * The SysTick timer (0xE000_E010..0xE000_E01C), computed lazily from the core's cycle counter: the counter
 * value is derived from an anchor (tick, value) rather than decremented every cycle, and the core only
 * calls {@link #catchUp} once {@link #nextFireCycle()} has passed.
 */
final class SysTick {
    static final int ENABLE = 1;
    static final int TICKINT = 2;
    static final int CLKSOURCE = 4;
    static final int COUNTFLAG = 1 << 16;

    private final int calib;
    private int ctrl;
    private int load;
    private long anchorTick;
    private int anchorVal;
    private int stoppedVal;
    private long nextFireCycle = Long.MAX_VALUE;

    SysTick(int calib) {
        this.calib = calib;
    }

    SysTick copy() {
        SysTick s = new SysTick(calib);
        s.copyFrom(this);
        return s;
    }

    void copyFrom(SysTick o) {
        ctrl = o.ctrl;
        load = o.load;
        anchorTick = o.anchorTick;
        anchorVal = o.anchorVal;
        stoppedVal = o.stoppedVal;
        nextFireCycle = o.nextFireCycle;
    }

    void reset() {
        ctrl = 0;
        load = 0;
        anchorTick = 0;
        anchorVal = 0;
        stoppedVal = 0;
        nextFireCycle = Long.MAX_VALUE;
    }

    long nextFireCycle() {
        return nextFireCycle;
    }

    boolean interruptEnabled() {
        return (ctrl & (ENABLE | TICKINT)) == (ENABLE | TICKINT);
    }

    private boolean enabled() {
        return (ctrl & ENABLE) != 0;
    }

    private long tick(long cycle) {
        return (ctrl & CLKSOURCE) != 0 ? cycle : cycle >>> 3;
    }

    private long cycleOfTick(long tick) {
        return (ctrl & CLKSOURCE) != 0 ? tick : tick << 3;
    }

    int value(long now) {
        if (!enabled()) {
            return stoppedVal;
        }
        long k = tick(now) - anchorTick;
        if (k <= anchorVal) {
            return (int) (anchorVal - k);
        }
        if (load == 0) {
            return 0;
        }
        long m = (k - anchorVal - 1) % ((long) load + 1);
        return (int) (load - m);
    }

    private void anchor(long now, int value) {
        anchorTick = tick(now);
        anchorVal = value;
        schedule();
    }

    private void schedule() {
        if (!enabled()) {
            nextFireCycle = Long.MAX_VALUE;
            return;
        }
        if (anchorVal > 0) {
            nextFireCycle = cycleOfTick(anchorTick + anchorVal);
        } else if (load > 0) {
            nextFireCycle = cycleOfTick(anchorTick + 1 + load);
        } else {
            nextFireCycle = Long.MAX_VALUE;
        }
    }

    /**
     * Processes every counter wrap up to {@code now}.
     *
     * @return true when the SysTick exception must be pended
     */
    boolean catchUp(long now) {
        if (nextFireCycle > now) {
            return false;
        }
        long fireTick = tick(nextFireCycle);
        long nowTick = tick(now);
        if (load > 0 && fireTick < nowTick) {
            long period = (long) load + 1;
            long laterWraps = (nowTick - fireTick) / period;
            fireTick += laterWraps * period;
        }
        ctrl |= COUNTFLAG;
        anchorTick = fireTick;
        anchorVal = 0;
        schedule();
        return (ctrl & TICKINT) != 0;
    }

    int read(int offset, long now) {
        switch (offset) {
            case 0x0: {
                int v = ctrl;
                ctrl &= ~COUNTFLAG;
                return v;
            }
            case 0x4:
                return load;
            case 0x8:
                return value(now);
            case 0xC:
                return calib;
            default:
                return 0;
        }
    }

    void write(int offset, int v, long now) {
        switch (offset) {
            case 0x0: {
                int current = value(now);
                ctrl = (ctrl & COUNTFLAG) | (v & (ENABLE | TICKINT | CLKSOURCE));
                stoppedVal = current;
                anchor(now, current);
                break;
            }
            case 0x4: {
                int current = value(now);
                load = v & 0x00FF_FFFF;
                stoppedVal = current;
                anchor(now, current);
                break;
            }
            case 0x8:
                ctrl &= ~COUNTFLAG;
                stoppedVal = 0;
                anchor(now, 0);
                break;
            default:
                break;
        }
    }
}
