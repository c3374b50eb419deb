package dev.brickproof.emulator.soc;

import java.util.function.IntUnaryOperator;

/**
 * External interrupt controller at 0x4001_0400, lines 0–15 from GPIO pins (RM0008 §10.2, RM0394 §14.3):
 * IMR, EMR, RTSR, FTSR, SWIER, PR (write 1 to clear) at 0x00–0x14; the L4 adds IMR2..PR2 at 0x20–0x34
 * (lines 32–40, stored only). Each line's pin comes from the port chosen in AFIO_EXTICRx (F1) or SYSCFG_EXTICRx
 * (L4). A selected edge on an unmasked line (or a SWIER bit written 0→1) sets PR, and PR drives the NVIC line:
 * EXTI0–4 → IRQ 6–10, EXTI9_5 → IRQ 23, EXTI15_10 → IRQ 40. Events (EMR) and lines 16+ (PVD, RTC, COMP...)
 * are stored only. Pin levels are sampled whenever a pin may have changed ({@link #sample}).
 */
public final class Exti implements Peripheral {
    static final int IMR = 0x00, EMR = 0x04, RTSR = 0x08, FTSR = 0x0C, SWIER = 0x10, PR = 0x14;

    /** The level of pin {@code pin} on port index {@code port} (0 = A; 7 = H). */
    public interface Pins {
        boolean level(int port, int pin);
    }

    /** L4: two register banks, all 32 lines of bank 1; F1: one bank, lines 0-19. */
    private final boolean extended;
    private final SocContext ctx;
    private final Pins pins;
    /** Reads EXTICR1..4 (index 0..3) of AFIO or SYSCFG. */
    private final IntUnaryOperator exticr;
    private State s;

    private static final class State implements Cloneable {
        int[] regs = new int[0x38 / 4];
        int levels;

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

    public Exti(SocFamily family, SocContext ctx, Pins pins, IntUnaryOperator exticr) {
        this.extended = family.hasExtendedExti();
        this.ctx = ctx;
        this.pins = pins;
        this.exticr = exticr;
        this.s = fresh();
    }

    private State fresh() {
        State n = new State();
        if (extended) {
            n.regs[IMR / 4] = 0xFF82_0000;   // direct lines unmasked
            n.regs[0x20 / 4] = 0x0000_0087;
        }
        return n;
    }

    @Override
    public String name() {
        return "EXTI";
    }

    @Override
    public int base() {
        return 0x4001_0400;
    }

    @Override
    public int size() {
        return 0x400;
    }

    /** The current level of every line's selected pin, lines 0–15. */
    private int levels() {
        int v = 0;
        for (int line = 0; line < 16; line++) {
            int port = exticr.applyAsInt(line / 4) >>> (4 * (line % 4)) & 0xF;
            if (pins.level(port, line)) {
                v |= 1 << line;
            }
        }
        return v;
    }

    /** Pins may have changed (host input, GPIO output or configuration, EXTICR): detect edges. */
    public void sample() {
        int now = levels();
        int rising = now & ~s.levels & s.regs[RTSR / 4];
        int falling = ~now & s.levels & s.regs[FTSR / 4];
        s.levels = now;
        pend((rising | falling) & 0xFFFF);
    }

    private void pend(int lines) {
        int p = lines & s.regs[IMR / 4];
        if (p != 0) {
            s.regs[PR / 4] |= p;
        }
        updateIrqs();
    }

    private void updateIrqs() {
        int active = s.regs[PR / 4] & s.regs[IMR / 4];
        for (int line = 0; line < 5; line++) {
            ctx.irq(6 + line, (active >>> line & 1) != 0);
        }
        ctx.irq(23, (active & 0x03E0) != 0);
        ctx.irq(40, (active & 0xFC00) != 0);
    }

    @Override
    public int read(int offset) {
        if (offset >= s.regs.length * 4 || (!extended && offset > PR)) {
            return 0;
        }
        return s.regs[offset / 4];
    }

    @Override
    public void write(int offset, int value, int size) {
        if (offset >= s.regs.length * 4 || (!extended && offset > PR)) {
            return;
        }
        int mask = extended ? -1 : 0x000F_FFFF; // F1: lines 0–19
        switch (offset) {
            case PR -> {
                s.regs[PR / 4] &= ~value;
                s.regs[SWIER / 4] &= ~value;  // a SWIER bit is cleared with its PR bit
            }
            case SWIER -> {
                int raised = value & ~s.regs[SWIER / 4] & mask;
                s.regs[SWIER / 4] |= value & mask;
                pend(raised);
            }
            case 0x34 -> s.regs[0x34 / 4] &= ~value;
            default -> s.regs[offset / 4] = value & (offset < 0x20 ? mask : -1);
        }
        if (offset == RTSR || offset == FTSR) {
            s.levels = levels(); // a new trigger does not see the old level as an edge
        }
        updateIrqs();
    }

    @Override
    public boolean isPollable(int offset) {
        return offset == PR;
    }

    @Override
    public void reset(ResetCause cause) {
        s = fresh();
        updateIrqs();
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
