package dev.brickproof.emulator.soc;

import java.math.BigInteger;
import java.util.function.LongSupplier;

/**
 * A timer as a HAL time base (F1 TIM2–TIM4, L4 TIM6/TIM7): the up-counter and its update event. CR1 (CEN, UDIS,
 * URS, OPM, ARPE), DIER.UIE, SR.UIF (write 0 to clear), EGR.UG, CNT, PSC, ARR, with PSC always and ARR (when
 * ARPE is set) preloaded: the new value takes effect at the next update event. The counter runs at the timer
 * clock the board supplies (APB1 timer clock: PCLK1, doubled when the APB1 prescaler is not 1), counts 0..ARR and
 * on overflow sets UIF and, with UIE, raises its interrupt line. A clock change takes effect from the next
 * counter reference (CEN, UG, an update). Capture/compare, other counting modes, slave modes and DMA requests
 * are registers only (stored, no behaviour).
 */
public final class TimeBaseTimer implements Peripheral {
    static final int CR1 = 0x00, DIER = 0x0C, SR = 0x10, EGR = 0x14, CNT = 0x24, PSC = 0x28, ARR = 0x2C;
    private static final long PS_PER_S = 1_000_000_000_000L;
    private static final int CEN = 1, UDIS = 1 << 1, URS = 1 << 2, OPM = 1 << 3, ARPE = 1 << 7;

    private final String name;
    private final int base;
    private final int irq;
    private final SocContext ctx;
    private final LongSupplier clockHz;
    private State s = new State();

    private static final class State implements Cloneable {
        int[] regs = new int[0x50 / 4];
        int psc;          // active prescaler (PSC is preloaded)
        int arr = 0xFFFF; // active auto-reload
        long refPs;       // time at which the counter held refCount
        int refCount;
        long nextUpdatePs = Long.MAX_VALUE;
        long hz;          // timer clock since refPs

        State() {
            regs[ARR / 4] = 0xFFFF;
        }

        State copy() {
            try {
                State c = (State) super.clone();
                c.regs = regs.clone();
                return c;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    public TimeBaseTimer(String name, int base, int irq, SocContext ctx, LongSupplier clockHz) {
        this.name = name;
        this.base = base;
        this.irq = irq;
        this.ctx = ctx;
        this.clockHz = clockHz;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int base() {
        return base;
    }

    @Override
    public int size() {
        return 0x400;
    }

    private boolean running() {
        return (s.regs[CR1 / 4] & CEN) != 0;
    }

    /** Whole counter ticks between {@code fromPs} and {@code toPs}. */
    private long ticksBetween(long fromPs, long toPs) {
        BigInteger n = BigInteger.valueOf(toPs - fromPs).multiply(BigInteger.valueOf(s.hz));
        return n.divide(BigInteger.valueOf(PS_PER_S).multiply(BigInteger.valueOf(s.psc + 1L))).longValue();
    }

    /** The time {@code ticks} counter ticks after {@code fromPs} (rounded up to the picosecond). */
    private long afterTicks(long fromPs, long ticks) {
        BigInteger n = BigInteger.valueOf(ticks).multiply(BigInteger.valueOf(s.psc + 1L)).multiply(BigInteger.valueOf(PS_PER_S));
        BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(s.hz));
        long d = qr[0].longValue() + (qr[1].signum() > 0 ? 1 : 0);
        return fromPs + d;
    }

    private int counterAt(long nowPs) {
        if (!running() || s.hz <= 0) {
            return s.refCount;
        }
        long ticks = ticksBetween(s.refPs, nowPs);
        return (int) ((s.refCount + ticks) % (s.arr + 1L));
    }

    /** Starts counting from {@code count} now, with the current clock. */
    private void rebase(long nowPs, int count) {
        s.refPs = nowPs;
        s.refCount = count;
        s.hz = clockHz.getAsLong();
        long ticks = count > s.arr ? 0x1_0000L - count + s.arr + 1 : (long) s.arr + 1 - count; // past ARR: wraps first
        s.nextUpdatePs = running() && s.hz > 0 ? afterTicks(nowPs, ticks) : Long.MAX_VALUE;
        ctx.reschedule();
    }

    @Override
    public long nextEventPs() {
        return s.nextUpdatePs;
    }

    @Override
    public void advanceTo(long nowPs) {
        while (s.nextUpdatePs <= nowPs) {
            long at = s.nextUpdatePs;
            update(at, true);
        }
    }

    /** An update event at {@code atPs}: preloads become active, the counter restarts from 0. */
    private void update(long atPs, boolean overflow) {
        s.psc = s.regs[PSC / 4] & 0xFFFF;
        s.arr = s.regs[ARR / 4] & 0xFFFF;
        boolean flag = overflow || (s.regs[CR1 / 4] & URS) == 0;
        if ((s.regs[CR1 / 4] & UDIS) == 0 && flag) {
            s.regs[SR / 4] |= 1;
        }
        if (overflow && (s.regs[CR1 / 4] & OPM) != 0) {
            s.regs[CR1 / 4] &= ~CEN;
        }
        rebase(atPs, 0);
        updateIrq();
    }

    private void updateIrq() {
        ctx.irq(irq, (s.regs[SR / 4] & 1) != 0 && (s.regs[DIER / 4] & 1) != 0);
    }

    @Override
    public int read(int offset) {
        if (offset >= s.regs.length * 4) {
            return 0;
        }
        return switch (offset) {
            case CNT -> counterAt(ctx.nowPs());
            case EGR -> 0;
            default -> s.regs[offset / 4];
        };
    }

    @Override
    public void write(int offset, int value, int size) {
        if (offset >= s.regs.length * 4) {
            return;
        }
        long now = ctx.nowPs();
        switch (offset) {
            case CR1 -> {
                int count = counterAt(now);
                boolean wasOn = running();
                s.regs[CR1 / 4] = value & 0x3FF;
                if (running() != wasOn) {
                    rebase(now, count);
                }
            }
            case SR -> s.regs[SR / 4] &= value;              // rc_w0
            case EGR -> {
                if ((value & 1) != 0) {
                    update(now, false);                      // UG: reinitialise the counter, load preloads
                }
            }
            case CNT -> rebase(now, value & 0xFFFF);
            case PSC -> s.regs[PSC / 4] = value & 0xFFFF;    // preloaded: active at the next update
            case ARR -> {
                s.regs[ARR / 4] = value & 0xFFFF;
                if ((s.regs[CR1 / 4] & ARPE) == 0) {
                    int count = counterAt(now);
                    s.arr = value & 0xFFFF;
                    rebase(now, count);
                }
            }
            default -> s.regs[offset / 4] = value;
        }
        updateIrq();
    }

    @Override
    public boolean isPollable(int offset) {
        return offset == SR;
    }

    @Override
    public void reset(ResetCause cause) {
        s = new State();
        updateIrq();
    }

    @Override
    public Object saveState() {
        return s.copy();
    }

    @Override
    public void restoreState(Object state) {
        s = ((State) state).copy();
    }
}
