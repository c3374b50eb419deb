package dev.brickproof.emulator.cpu;

/**
 * Exception state of the core, indexed by exception number (1 reset, 2 NMI, 3 HardFault, 4 MemManage,
 * 5 BusFault, 6 UsageFault, 11 SVCall, 12 DebugMonitor, 14 PendSV, 15 SysTick, 16+n IRQn): pending, active,
 * enabled and the 8-bit priority byte (only the implemented upper bits are kept).
 */
final class Nvic {
    static final int IRQ_COUNT = 96;
    static final int EXCEPTION_COUNT = 16 + IRQ_COUNT;
    static final int NO_EXCEPTION = 0;

    final boolean[] pending = new boolean[EXCEPTION_COUNT];
    final boolean[] active = new boolean[EXCEPTION_COUNT];
    final boolean[] enabled = new boolean[EXCEPTION_COUNT];
    final int[] priority = new int[EXCEPTION_COUNT];
    private final int priorityMask;
    int priorityGroup;

    Nvic(int implementedPriorityBits) {
        this.priorityMask = (0xFF << (8 - implementedPriorityBits)) & 0xFF;
        reset();
    }

    private Nvic(Nvic other) {
        this.priorityMask = other.priorityMask;
        copyFrom(other);
    }

    Nvic copy() {
        return new Nvic(this);
    }

    void copyFrom(Nvic o) {
        System.arraycopy(o.pending, 0, pending, 0, EXCEPTION_COUNT);
        System.arraycopy(o.active, 0, active, 0, EXCEPTION_COUNT);
        System.arraycopy(o.enabled, 0, enabled, 0, EXCEPTION_COUNT);
        System.arraycopy(o.priority, 0, priority, 0, EXCEPTION_COUNT);
        priorityGroup = o.priorityGroup;
    }

    void reset() {
        java.util.Arrays.fill(pending, false);
        java.util.Arrays.fill(active, false);
        java.util.Arrays.fill(enabled, false);
        java.util.Arrays.fill(priority, 0);
        priority[1] = -3;
        priority[2] = -2;
        priority[3] = -1;
        for (int n = 1; n < 16; n++) {
            // NMI, HardFault, SVCall, PendSV, SysTick, DebugMonitor are always enabled; MemManage,
            // BusFault and UsageFault are enabled through SHCSR.
            enabled[n] = n != 4 && n != 5 && n != 6;
        }
        priorityGroup = 0;
    }

    int priorityMask() {
        return priorityMask;
    }

    void setPriority(int exception, int value) {
        if (exception >= 4) {
            priority[exception] = value & priorityMask;
        }
    }

    /** Group priority of a priority value under the current PRIGROUP; negative fixed priorities pass through. */
    int groupPriority(int prio) {
        if (prio < 0) {
            return prio;
        }
        return prio & ~((2 << priorityGroup) - 1) & 0xFF;
    }

    /** Group priority of an exception. */
    int groupPriorityOf(int exception) {
        return groupPriority(priority[exception]);
    }

    /** Lowest group priority among active exceptions, 256 when none is active. */
    int activePriority() {
        int best = 256;
        for (int n = 1; n < EXCEPTION_COUNT; n++) {
            if (active[n]) {
                int g = groupPriority(priority[n]);
                if (g < best) {
                    best = g;
                }
            }
        }
        return best;
    }

    int activeCount() {
        int count = 0;
        for (int n = 1; n < EXCEPTION_COUNT; n++) {
            if (active[n]) {
                count++;
            }
        }
        return count;
    }

    /** Highest-priority pending and enabled exception (lowest priority value, then lowest number), or 0. */
    int highestPending() {
        int best = NO_EXCEPTION;
        int bestPrio = Integer.MAX_VALUE;
        for (int n = 1; n < EXCEPTION_COUNT; n++) {
            if (pending[n] && enabled[n] && priority[n] < bestPrio) {
                best = n;
                bestPrio = priority[n];
            }
        }
        return best;
    }

    /** Any pending exception regardless of enable (ICSR.ISRPENDING only looks at IRQs). */
    boolean anyIrqPending() {
        for (int n = 16; n < EXCEPTION_COUNT; n++) {
            if (pending[n]) {
                return true;
            }
        }
        return false;
    }
}
