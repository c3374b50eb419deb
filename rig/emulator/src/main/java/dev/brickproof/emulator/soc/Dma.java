package dev.brickproof.emulator.soc;

import dev.brickproof.emulator.cpu.BusFault;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * DMA1 at 0x4002_0000 (AHB; clock DMA1EN, bit 0 of RCC_AHBENR on the F1 and of RCC_AHB1ENR on the L4, reset
 * AHB1RSTR bit 0 on the L4), seven channels, IRQs DMA1_Channel1..7 = 11..17 on both chips (RM0008 and RM0394,
 * DMA chapters).
 *
 * <p>Registers: ISR (per channel GIF/TCIF/HTIF/TEIF at bits 4(x-1)..4(x-1)+3), IFCR (write 1 to clear; CGIF
 * clears all four of the channel), per channel x at 0x08 + 20(x-1): CCR (EN, TCIE, HTIE, TEIE, DIR, CIRC, PINC,
 * MINC, PSIZE, MSIZE, PL, MEM2MEM), CNDTR (16 bits, read-only while EN is set; reloaded with the programmed value
 * after the last transfer in circular mode), CPAR, CMAR (the programmed start addresses; the current addresses
 * are internal, loaded when the channel is enabled), and on the L4 CSELR at 0xA8 (CxS, 4 bits per channel).
 *
 * <p>Requests: peripherals are {@link #connect connected} to a channel (on the L4 with the CSELR request number
 * that selects them). USART1: TX on channel 4, RX on channel 5; on the L4 request 2 in C4S/C5S. A channel that is
 * enabled, has CNDTR &gt; 0 and sees its request active performs transfers until the request drops (a transfer
 * that reads the USART's data register clears RXNE, one that writes it fills TDR). Transfers take no time: the
 * bus cycles of a DMA transfer are not charged to the core or to the clock. MEM2MEM channels run their whole
 * block when enabled. Each transfer reads PSIZE/MSIZE wide at the aligned current address, truncates or
 * zero-extends to the destination width (RM0008's programmable-data-width table), and increments with PINC/MINC.
 * HTIF is set when CNDTR reaches half the programmed count (integer division: with 1 item HT and TC come
 * together), TCIF when it reaches 0. A bus error (an address nothing answers at) sets TEIF and clears EN, as on
 * silicon; the {@code dma-transfer-error} event names the address (an unclaimed address in the peripheral region
 * is the bus's lenient read-0 there too, listed in the unmodelled addresses, or a TE with strict peripherals).
 * GIF is set with any flag and cleared only by CGIF. With DMA1's clock off (or DMA1 held in reset) nothing
 * transfers; a request raised meanwhile is served when the clock starts (the board calls {@link #requestChanged}
 * after RCC enable/reset writes).
 *
 * <p>Reported, not modelled: a channel enabled for a request the emulator does not model ({@code dma-unmodelled},
 * once per channel: nothing will ever transfer on it), CPAR/CMAR written while the channel is enabled (ignored;
 * undefined on silicon) and configuration bits changed while enabled (applied). Priorities (PL) only order the
 * channels served at the same instant; with instantaneous transfers there is no arbitration to model.
 */
public final class Dma implements Peripheral {
    public static final int BASE = 0x4002_0000;
    static final int ISR = 0x00, IFCR = 0x04, CSELR = 0xA8;
    static final int CHANNELS = 7;
    static final int EN = 1, TCIE = 1 << 1, HTIE = 1 << 2, TEIE = 1 << 3, DIR = 1 << 4, CIRC = 1 << 5,
            PINC = 1 << 6, MINC = 1 << 7, MEM2MEM = 1 << 14;
    static final int GIF = 1, TCIF = 2, HTIF = 4, TEIF = 8;
    /** Transfers one service may make on one channel before a request that never drops is reported. */
    private static final int RUNAWAY = 0x2_0000;

    /** The DMA's bus master: reads and writes on the system bus, a BusFault where nothing answers. */
    public interface Master {
        int read(int address, int width);

        void write(int address, int value, int width);
    }

    /** A peripheral's DMA request line, wired to {@code channel} (1–7); {@code selection}: its L4 CSELR code. */
    public record Request(int channel, int selection, String name, BooleanSupplier active) { }

    /** L4 CSELR picks each channel's request; F1 requests are hard-wired. */
    private final boolean requestSelection;
    private final int firstIrq;
    private final SocContext ctx;
    private final List<Request> requests = new ArrayList<>();
    private Master master = new Master() {
        @Override
        public int read(int address, int width) {
            throw new BusFault(address, false, "DMA1 has no bus master attached");
        }

        @Override
        public void write(int address, int value, int width) {
            throw new BusFault(address, true, "DMA1 has no bus master attached");
        }
    };
    private BooleanSupplier clockRunning = () -> true;
    private final boolean[] unmodelledReported = new boolean[CHANNELS];
    private boolean serving;
    private boolean again;
    private State s = new State();

    private static final class State implements Cloneable {
        int isr;
        int cselr;
        int[] ccr = new int[CHANNELS];
        int[] cndtr = new int[CHANNELS];
        int[] programmed = new int[CHANNELS];
        int[] cpar = new int[CHANNELS];
        int[] cmar = new int[CHANNELS];
        int[] curPar = new int[CHANNELS];
        int[] curMar = new int[CHANNELS];

        State copy() {
            try {
                State c = (State) super.clone();
                c.ccr = ccr.clone();
                c.cndtr = cndtr.clone();
                c.programmed = programmed.clone();
                c.cpar = cpar.clone();
                c.cmar = cmar.clone();
                c.curPar = curPar.clone();
                c.curMar = curMar.clone();
                return c;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** @param firstIrq the NVIC line of channel 1 (channels 1..7 use consecutive lines: 11..17 on both chips) */
    public Dma(SocFamily family, int firstIrq, SocContext ctx) {
        this.requestSelection = family.hasDmaRequestSelection();
        this.firstIrq = firstIrq;
        this.ctx = ctx;
    }

    public void setMaster(Master master) {
        this.master = master;
    }

    /** Whether DMA1's clock runs (RCC enable bit set, reset bit clear): a stopped DMA transfers nothing. */
    public void setClockRunning(BooleanSupplier running) {
        this.clockRunning = running;
    }

    /** Wires a peripheral's request line to a channel; the peripheral calls {@link #requestChanged} on changes. */
    public void connect(Request request) {
        if (request.channel() < 1 || request.channel() > CHANNELS) {
            throw new IllegalArgumentException("DMA1 has channels 1.." + CHANNELS + ", not " + request.channel());
        }
        requests.add(request);
    }

    @Override
    public String name() {
        return "DMA1";
    }

    @Override
    public int base() {
        return BASE;
    }

    @Override
    public int size() {
        return 0x400;
    }

    // ---------------------------------------------------------------- registers

    @Override
    public int read(int offset) {
        if (offset == ISR) {
            return s.isr;
        }
        if (offset == CSELR) {
            return requestSelection ? s.cselr : 0;
        }
        int ch = channelOf(offset);
        if (ch < 0) {
            return 0; // IFCR is write-only; the rest is reserved and reads 0
        }
        return switch ((offset - 0x08) % 20) {
            case 0 -> s.ccr[ch];
            case 4 -> s.cndtr[ch];
            case 8 -> s.cpar[ch];
            case 12 -> s.cmar[ch];
            default -> 0;
        };
    }

    /** Channel index 0..6 of a channel register offset, or -1. */
    private static int channelOf(int offset) {
        if (offset < 0x08 || offset >= 0x08 + 20 * CHANNELS) {
            return -1;
        }
        return (offset - 0x08) / 20;
    }

    @Override
    public void write(int offset, int value, int size) {
        if (offset == IFCR) {
            clearFlags(value);
            return;
        }
        if (offset == CSELR) {
            if (requestSelection) {
                s.cselr = value & 0x0FFF_FFFF;
                requestChanged();
            }
            return;
        }
        int ch = channelOf(offset);
        if (ch < 0) {
            return;
        }
        boolean enabled = (s.ccr[ch] & EN) != 0;
        switch ((offset - 0x08) % 20) {
            case 0 -> writeCcr(ch, value & 0x7FFF);
            case 4 -> {
                if (!enabled) {                         // read-only while the channel is enabled, as on silicon
                    s.cndtr[ch] = value & 0xFFFF;
                    s.programmed[ch] = value & 0xFFFF;
                }
            }
            case 8, 12 -> {
                boolean par = (offset - 0x08) % 20 == 8;
                if (enabled) {
                    ctx.event("dma-config", String.format("DMA1 channel %d: %s written while the channel is enabled"
                            + " (undefined on silicon; the emulator ignores the write)", ch + 1, par ? "CPAR" : "CMAR"));
                } else if (par) {
                    s.cpar[ch] = value;
                } else {
                    s.cmar[ch] = value;
                }
            }
            default -> { }
        }
    }

    private void writeCcr(int ch, int value) {
        int old = s.ccr[ch];
        boolean wasEnabled = (old & EN) != 0;
        int config = DIR | CIRC | PINC | MINC | 0xF00 | MEM2MEM;
        if (wasEnabled && ((old ^ value) & config) != 0 && (value & EN) != 0) {
            ctx.event("dma-config", String.format("DMA1 channel %d: CCR configuration changed from 0x%04X to 0x%04X"
                    + " while the channel is enabled (not allowed by the reference manual; applied)", ch + 1, old, value));
        }
        s.ccr[ch] = value;
        updateIrq(ch);
        if (!wasEnabled && (value & EN) != 0) {
            s.curPar[ch] = s.cpar[ch];
            s.curMar[ch] = s.cmar[ch];
            if ((value & MEM2MEM) != 0) {
                runMemoryToMemory(ch);
                return;
            }
            if (!hasRequestSource(ch)) {
                reportUnmodelled(ch);
            }
            requestChanged();
        }
    }

    private void clearFlags(int value) {
        for (int ch = 0; ch < CHANNELS; ch++) {
            int bits = value >>> (4 * ch) & 0xF;
            if (bits == 0) {
                continue;
            }
            int clear = (bits & GIF) != 0 ? 0xF : bits;
            s.isr &= ~(clear << (4 * ch));
            updateIrq(ch);
        }
    }

    // ---------------------------------------------------------------- requests and transfers

    /** A request line may have changed (or a channel was enabled): serve every channel whose request is active. */
    public void requestChanged() {
        if (serving) {
            again = true; // a transfer in progress changed a request: look again once it is done
            return;
        }
        serving = true;
        try {
            do {
                again = false;
                for (int ch : byPriority()) {
                    int made = 0;
                    while (ready(ch)) {
                        if (++made > RUNAWAY) {
                            ctx.event("dma-runaway", String.format("DMA1 channel %d: the request stayed active for %d"
                                    + " transfers (the transfers do not reach the requesting peripheral's data"
                                    + " register?); the emulator stops serving it until the request changes",
                                    ch + 1, RUNAWAY));
                            break;
                        }
                        transfer(ch);
                    }
                }
            } while (again);
        } finally {
            serving = false;
        }
    }

    /** Channels in service order: higher PL first, then the lower channel number (RM0008). */
    private int[] byPriority() {
        int[] order = new int[CHANNELS];
        int n = 0;
        for (int pl = 3; pl >= 0; pl--) {
            for (int ch = 0; ch < CHANNELS; ch++) {
                if ((s.ccr[ch] >>> 12 & 3) == pl) {
                    order[n++] = ch;
                }
            }
        }
        return order;
    }

    private boolean ready(int ch) {
        int ccr = s.ccr[ch];
        return (ccr & EN) != 0 && (ccr & MEM2MEM) == 0 && s.cndtr[ch] > 0 && clockRunning.getAsBoolean()
                && requestActive(ch);
    }

    private boolean requestActive(int ch) {
        for (Request r : requests) {
            if (r.channel() == ch + 1 && selected(ch, r) && r.active().getAsBoolean()) {
                return true;
            }
        }
        return false;
    }

    private boolean selected(int ch, Request r) {
        return !requestSelection || (s.cselr >>> (4 * ch) & 0xF) == r.selection();
    }

    private boolean hasRequestSource(int ch) {
        for (Request r : requests) {
            if (r.channel() == ch + 1 && selected(ch, r)) {
                return true;
            }
        }
        return false;
    }

    private void reportUnmodelled(int ch) {
        if (unmodelledReported[ch]) {
            return;
        }
        unmodelledReported[ch] = true;
        StringBuilder known = new StringBuilder();
        for (Request r : requests) {
            known.append(known.length() == 0 ? "" : ", ").append(r.name()).append(" on channel ").append(r.channel());
            if (requestSelection) {
                known.append(" (C").append(r.channel()).append("S = ").append(r.selection()).append(')');
            }
        }
        String sel = requestSelection ? String.format(" with CSELR C%dS = %d", ch + 1, s.cselr >>> (4 * ch) & 0xF) : "";
        ctx.event("dma-unmodelled", String.format("DMA1 channel %d enabled%s for a peripheral request the emulator"
                + " does not model: nothing will transfer on it (modelled: %s)", ch + 1, sel, known));
    }

    private void runMemoryToMemory(int ch) {
        if (!clockRunning.getAsBoolean()) {
            return;
        }
        while ((s.ccr[ch] & EN) != 0 && s.cndtr[ch] > 0) {
            transfer(ch);
        }
    }

    private static int width(int code) {
        return code == 0 ? 1 : code == 1 ? 2 : 4;
    }

    private static int mask(int width) {
        return width == 4 ? -1 : (1 << (8 * width)) - 1;
    }

    /** One transfer on channel {@code ch}: read, write, advance the addresses and the count, set the flags. */
    private void transfer(int ch) {
        int ccr = s.ccr[ch];
        int psize = width(ccr >>> 8 & 3);
        int msize = width(ccr >>> 10 & 3);
        boolean fromMemory = (ccr & DIR) != 0;
        int par = s.curPar[ch] & -psize;
        int mar = s.curMar[ch] & -msize;
        int src = fromMemory ? mar : par;
        int srcWidth = fromMemory ? msize : psize;
        int dst = fromMemory ? par : mar;
        int dstWidth = fromMemory ? psize : msize;
        int at = src;
        try {
            int v = master.read(src, srcWidth) & mask(srcWidth);
            at = dst;
            master.write(dst, v & mask(dstWidth), dstWidth);
        } catch (BusFault e) {
            s.ccr[ch] &= ~EN;
            s.isr |= (TEIF | GIF) << (4 * ch);
            ctx.event("dma-transfer-error", String.format("DMA1 channel %d: bus error at 0x%08X (%s): TEIF set,"
                    + " channel disabled", ch + 1, at, e.getMessage()));
            updateIrq(ch);
            return;
        }
        if ((ccr & PINC) != 0) {
            s.curPar[ch] += psize;
        }
        if ((ccr & MINC) != 0) {
            s.curMar[ch] += msize;
        }
        int left = --s.cndtr[ch];
        int flags = 0;
        if (left == s.programmed[ch] / 2) {
            flags |= HTIF;
        }
        if (left == 0) {
            flags |= TCIF;
            if ((ccr & CIRC) != 0 && (ccr & MEM2MEM) == 0) {
                s.cndtr[ch] = s.programmed[ch];
                s.curPar[ch] = s.cpar[ch];
                s.curMar[ch] = s.cmar[ch];
            }
        }
        if (flags != 0) {
            s.isr |= (flags | GIF) << (4 * ch);
            updateIrq(ch);
        }
    }

    private void updateIrq(int ch) {
        int f = s.isr >>> (4 * ch);
        int ccr = s.ccr[ch];
        boolean level = ((f & TCIF) != 0 && (ccr & TCIE) != 0) || ((f & HTIF) != 0 && (ccr & HTIE) != 0)
                || ((f & TEIF) != 0 && (ccr & TEIE) != 0);
        ctx.irq(firstIrq + ch, level);
    }

    /** ISR and CNDTR change only at transfers, which happen at peripheral events or the core's own writes. */
    @Override
    public boolean isPollable(int offset) {
        if (offset == ISR) {
            return true;
        }
        int ch = channelOf(offset);
        return ch >= 0 && (offset - 0x08) % 20 == 4;
    }

    @Override
    public void reset(ResetCause cause) {
        s = new State();
        for (int ch = 0; ch < CHANNELS; ch++) {
            ctx.irq(firstIrq + ch, false);
        }
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
