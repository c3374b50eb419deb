package dev.brickproof.emulator.soc;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * USART with the F1 (SR/DR/BRR/CR1..3/GTPR) or the L4 (CR1..3/BRR/ISR/ICR/RDR/TDR) register layout and a
 * timed wire model.
 *
 * <p>Line rate = peripheral clock / BRR (L4 OVER8 honoured) once UE is set and BRR is programmed, otherwise
 * the board's default rate. A frame takes 1 start + 8 or 9 data bits (M; parity counts as a data bit, so 8E1
 * needs M = 1) + 1 or 2 stop bits: 10 bit times at 8N1, 11 at 8E1. Host bytes arrive back to back; a byte that
 * arrives while RXNE is still set is lost and sets ORE (L4: unless CR3.OVRDIS, then it overwrites RDR). A byte
 * arriving while the receiver is off (UE or RE clear, or power off) is lost. Transmit: TDR + shift register;
 * TXE drops while TDR holds a byte, TC rises when the shift register empties with TDR empty. Each byte is
 * handed to the host when its stop bit has left. IDLE rises one frame time after the last received stop bit
 * when no new byte has started (re-armed only by the next received byte; F1: cleared by an SR read followed by a DR read, L4: by
 * ICR.IDLECF; interrupt with IDLEIE). Error interrupt CR3.EIE signals ORE. The host's wire is on the pins the
 * board's {@link HostPins} decides (USART1: PA9/PA10): a byte sent while TX does not reach the host is lost,
 * and so is a host byte while RX is not connected (each reported once). Parity bits are not generated or
 * checked, framing and noise errors never happen, LIN/IrDA/smartcard/hardware flow control are not modelled.
 *
 * <p>DMA: CR3.DMAR raises the receive request while RXNE is set, CR3.DMAT the transmit request while TXE is set and
 * the transmitter is enabled; every state change tells the DMA controller ({@link #onDmaRequestChange}) before the
 * interrupt line is recomputed, so a transfer that reads DR/RDR (clearing RXNE) or writes DR/TDR happens first.
 *
 * <p>ROM-loader mode: received bytes go to the loader, and the loader's bytes go out through a FIFO at the
 * default rate with 8E1 framing; the registers are not involved.
 */
public final class Usart implements Peripheral {
    public enum Layout { F1, L4 }

    /**
     * Whether the USART's pins reach the host's wire: null when connected, else why not (remap, pin mode).
     */
    public interface HostPins {
        String txBlocked();

        String rxBlocked();
    }

    /** Receives a host byte in ROM-loader mode. */
    public interface RomSink {
        void received(int value, long atPs);
    }

    // F1 offsets
    static final int F1_SR = 0x00, F1_DR = 0x04, F1_BRR = 0x08, F1_CR1 = 0x0C, F1_CR2 = 0x10, F1_CR3 = 0x14, F1_GTPR = 0x18;
    // L4 offsets
    static final int L4_CR1 = 0x00, L4_CR2 = 0x04, L4_CR3 = 0x08, L4_BRR = 0x0C, L4_GTPR = 0x10, L4_RTOR = 0x14,
            L4_RQR = 0x18, L4_ISR = 0x1C, L4_ICR = 0x20, L4_RDR = 0x24, L4_TDR = 0x28;
    public static final int ORE = 1 << 3, IDLE = 1 << 4, RXNE = 1 << 5, TC = 1 << 6, TXE = 1 << 7;

    private final String name;
    private final int base;
    private final Layout layout;
    private final int irq;
    private final SocContext ctx;
    private final LongSupplier pclk;
    private final UartWire wire;
    private final int defaultBaud;
    private RomSink romSink;
    private HostPins hostPins = new HostPins() {
        @Override
        public String txBlocked() {
            return null;
        }

        @Override
        public String rxBlocked() {
            return null;
        }
    };
    private Runnable dmaRequestChanged = () -> { };
    private boolean txLossReported;
    private boolean rxLossReported;
    private State s = new State();

    private static final class State implements Cloneable {
        int cr1;
        int cr2;
        int cr3;
        int brr;
        int gtpr;
        int rtor;
        boolean rxne;
        boolean ore;
        boolean idle;
        boolean idleArmed;
        /** F1: SR read since the last DR read (the first half of the sequence that clears ORE and IDLE). */
        boolean srRead;
        long idleAt = Long.MAX_VALUE;
        boolean tc = true;
        int rxData;
        boolean tdrFull;
        int tdr;
        boolean shifting;
        int shiftValue;
        long shiftEnd;
        ArrayDeque<Integer> rxQueue = new ArrayDeque<>();
        long rxHeadEnd = Long.MAX_VALUE;
        long rxLineFree;
        boolean romMode;
        ArrayDeque<Integer> romTx = new ArrayDeque<>();

        State copy() {
            try {
                State c = (State) super.clone();
                c.rxQueue = new ArrayDeque<>(rxQueue);
                c.romTx = new ArrayDeque<>(romTx);
                return c;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    public Usart(String name, int base, Layout layout, int irq, SocContext ctx, LongSupplier pclk, UartWire wire,
                 int defaultBaud) {
        this.name = name;
        this.base = base;
        this.layout = layout;
        this.irq = irq;
        this.ctx = ctx;
        this.pclk = pclk;
        this.wire = wire;
        this.defaultBaud = defaultBaud;
        wire.attach(this);
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

    public UartWire wire() {
        return wire;
    }

    public void setRomSink(RomSink sink) {
        this.romSink = sink;
    }

    /** Called whenever the DMA request lines may have changed (the DMA controller then serves them). */
    public void onDmaRequestChange(Runnable hook) {
        this.dmaRequestChanged = hook;
    }

    /** The receive DMA request: CR3.DMAR and RXNE (a DMA read of DR/RDR clears RXNE and so the request). */
    public boolean rxDmaRequest() {
        return !s.romMode && (s.cr3 & 1 << 6) != 0 && s.rxne;
    }

    /**
     * The transmit DMA request: CR3.DMAT and TXE, while the transmitter is enabled (a byte written with TE clear
     * would be dropped by this model, so the request waits for TE as silicon's TDR would hold the byte).
     */
    public boolean txDmaRequest() {
        return !s.romMode && (s.cr3 & 1 << 7) != 0 && !s.tdrFull && txEnabled();
    }

    public void setHostPins(HostPins pins) {
        this.hostPins = pins;
    }

    /** Switches between firmware (registers) and ROM-loader ownership of the line. */
    public void setRomMode(boolean on) {
        s.romMode = on;
    }

    public boolean romMode() {
        return s.romMode;
    }

    // ---------------------------------------------------------------- line parameters

    private boolean enabled() {
        return layout == Layout.F1 ? (s.cr1 & 1 << 13) != 0 : (s.cr1 & 1) != 0;
    }

    private boolean rxEnabled() {
        return enabled() && (s.cr1 & 1 << 2) != 0;
    }

    private boolean txEnabled() {
        return enabled() && (s.cr1 & 1 << 3) != 0;
    }

    /** Current line rate in baud. */
    public int lineBaud() {
        if (s.romMode || !enabled() || s.brr == 0) {
            return defaultBaud;
        }
        long fck = pclk.getAsLong();
        if (layout == Layout.L4 && (s.cr1 & 1 << 15) != 0) {
            int div = (s.brr & 0xFFF0) | (s.brr & 7) << 1;
            return div == 0 ? defaultBaud : (int) (2 * fck / div);
        }
        return (int) (fck / s.brr);
    }

    /** Bits on the wire per character: start + data (incl. parity) + stop. */
    public int frameBits() {
        if (s.romMode) {
            return 11;
        }
        int data;
        if (layout == Layout.F1) {
            data = (s.cr1 & 1 << 12) != 0 ? 9 : 8;
        } else {
            int m = ((s.cr1 >>> 28) & 1) << 1 | ((s.cr1 >>> 12) & 1);
            data = m == 1 ? 9 : m == 2 ? 7 : 8;
        }
        int stop = switch ((s.cr2 >>> 12) & 3) {
            case 2 -> 2;
            default -> 1;
        };
        return 1 + data + stop;
    }

    public long frameTimePs() {
        return frameBits() * 1_000_000_000_000L / Math.max(1, lineBaud());
    }

    int rxQueued() {
        return s.rxQueue.size();
    }

    // ---------------------------------------------------------------- host side

    /** Moves bytes the host sent into the line queue; they start arriving at {@code nowPs}. */
    public void takeFromHost(long nowPs) {
        if (!wire.hasInbox()) {
            return;
        }
        wire.drain(b -> {
            s.rxQueue.add(b);
            if (s.rxQueue.size() == 1) {
                s.rxHeadEnd = Math.max(nowPs, s.rxLineFree) + frameTimePs();
                if (s.rxHeadEnd - frameTimePs() < s.idleAt) {
                    s.idleAt = Long.MAX_VALUE; // the line is busy again before it was idle for a frame
                }
            }
        });
    }

    /** The ROM loader transmits a byte (queued at the line rate). */
    public void romTransmit(int value, long nowPs) {
        s.romTx.add(value & 0xFF);
        if (!s.shifting) {
            startShift(s.romTx.poll(), nowPs);
        }
    }

    // ---------------------------------------------------------------- time

    @Override
    public long nextEventPs() {
        long t = Long.MAX_VALUE;
        if (!s.rxQueue.isEmpty()) {
            t = s.rxHeadEnd;
        }
        if (s.shifting && s.shiftEnd < t) {
            t = s.shiftEnd;
        }
        return Math.min(t, s.idleAt);
    }

    @Override
    public void advanceTo(long nowPs) {
        while (true) {
            long rx = s.rxQueue.isEmpty() ? Long.MAX_VALUE : s.rxHeadEnd;
            long tx = s.shifting ? s.shiftEnd : Long.MAX_VALUE;
            long idle = s.idleAt;
            if (rx > nowPs && tx > nowPs && idle > nowPs) {
                break;
            }
            if (idle < rx && idle < tx) {
                lineIdle();
            } else if (tx <= rx) {
                finishShift(tx);
            } else {
                arrive(rx);
            }
        }
    }

    private void arrive(long atPs) {
        int b = s.rxQueue.poll();
        s.rxLineFree = atPs;
        s.rxHeadEnd = s.rxQueue.isEmpty() ? Long.MAX_VALUE : atPs + frameTimePs();
        if (s.romMode) {
            if (romSink != null) {
                romSink.received(b, atPs);
            }
            return;
        }
        if (!rxEnabled()) {
            return;
        }
        String blocked = hostPins.rxBlocked();
        if (blocked != null) {
            if (!rxLossReported) {
                rxLossReported = true;
                ctx.event("uart-pins", name + ": bytes from the host are lost: " + blocked);
            }
            return;
        }
        s.idleArmed = true;
        s.idleAt = s.rxQueue.isEmpty() ? atPs + frameTimePs() : Long.MAX_VALUE;
        if (s.rxne) {
            if (layout == Layout.L4 && (s.cr3 & 1 << 12) != 0) {
                s.rxData = b; // OVRDIS: overwrite, no ORE
            } else {
                s.ore = true;
            }
        } else {
            s.rxData = b;
            s.rxne = true;
        }
        updateIrq();
    }

    private void lineIdle() {
        s.idleAt = Long.MAX_VALUE;
        if (s.idleArmed && rxEnabled()) {
            s.idle = true;
            s.idleArmed = false;
            updateIrq();
        }
    }

    private void startShift(int value, long atPs) {
        s.shifting = true;
        s.shiftValue = value;
        s.shiftEnd = atPs + frameTimePs();
        s.tc = false;
        ctx.reschedule();
    }

    private void finishShift(long atPs) {
        s.shifting = false;
        String blocked = s.romMode ? null : hostPins.txBlocked();
        if (blocked == null) {
            wire.deliver(s.shiftValue);
        } else if (!txLossReported) {
            txLossReported = true;
            ctx.event("uart-pins", name + ": transmitted bytes do not reach the host: " + blocked);
        }
        if (s.romMode) {
            if (!s.romTx.isEmpty()) {
                startShift(s.romTx.poll(), atPs);
            }
            return;
        }
        if (s.tdrFull) {
            s.tdrFull = false;
            startShift(s.tdr, atPs);
        } else {
            s.tc = true;
        }
        updateIrq();
    }

    private void transmit(int value) {
        if (!txEnabled()) {
            return;
        }
        int v = value & 0xFF;
        if (!s.shifting) {
            startShift(v, ctx.nowPs());
        } else {
            s.tdrFull = true; // a write while TXE = 0 overwrites TDR, as on silicon
            s.tdr = v;
        }
        s.tc = false;
        updateIrq();
    }

    private void updateIrq() {
        dmaRequestChanged.run(); // first: a DMA transfer may change RXNE/TXE before the line level is computed
        int cr1 = s.cr1;
        boolean level = ((cr1 & 1 << 5) != 0 && (s.rxne || s.ore))
                || ((cr1 & 1 << 4) != 0 && s.idle)
                || ((s.cr3 & 1) != 0 && s.ore)
                || ((cr1 & 1 << 7) != 0 && !s.tdrFull)
                || ((cr1 & 1 << 6) != 0 && s.tc);
        ctx.irq(irq, level && enabled());
    }

    // ---------------------------------------------------------------- registers

    private int status() {
        int v = (s.ore ? ORE : 0) | (s.idle ? IDLE : 0) | (s.rxne ? RXNE : 0) | (s.tc ? TC : 0) | (s.tdrFull ? 0 : TXE);
        if (layout == Layout.L4) {
            if (enabled() && (s.cr1 & 1 << 3) != 0) {
                v |= 1 << 21; // TEACK
            }
            if (enabled() && (s.cr1 & 1 << 2) != 0) {
                v |= 1 << 22; // REACK
            }
        }
        return v;
    }

    private int readData() {
        int v = s.rxData;
        s.rxne = false;
        if (layout == Layout.F1) {
            if (s.srRead) {        // SR-then-DR read sequence clears ORE and IDLE; a DR read alone (a DMA
                s.ore = false;     // transfer without the core reading SR first) does not
                s.idle = false;
            }
            s.srRead = false;
        }
        updateIrq();
        return v;
    }

    @Override
    public int read(int offset) {
        if (layout == Layout.F1) {
            return switch (offset) {
                case F1_SR -> {
                    s.srRead = true;
                    yield status();
                }
                case F1_DR -> readData();
                case F1_BRR -> s.brr;
                case F1_CR1 -> s.cr1;
                case F1_CR2 -> s.cr2;
                case F1_CR3 -> s.cr3;
                case F1_GTPR -> s.gtpr;
                default -> 0;
            };
        }
        return switch (offset) {
            case L4_CR1 -> s.cr1;
            case L4_CR2 -> s.cr2;
            case L4_CR3 -> s.cr3;
            case L4_BRR -> s.brr;
            case L4_GTPR -> s.gtpr;
            case L4_RTOR -> s.rtor;
            case L4_ISR -> status();
            case L4_RDR -> readData();
            case L4_TDR -> s.tdr;
            default -> 0;
        };
    }

    @Override
    public void write(int offset, int value, int size) {
        if (layout == Layout.F1) {
            switch (offset) {
                case F1_SR -> {
                    if ((value & RXNE) == 0) {
                        s.rxne = false;
                    }
                    if ((value & TC) == 0) {
                        s.tc = false;
                    }
                }
                case F1_DR -> transmit(value);
                case F1_BRR -> s.brr = value & 0xFFFF;
                case F1_CR1 -> s.cr1 = value & 0x3FFF;
                case F1_CR2 -> s.cr2 = value & 0x7F7F;
                case F1_CR3 -> s.cr3 = value & 0x7FF;
                case F1_GTPR -> s.gtpr = value & 0xFFFF;
                default -> { }
            }
        } else {
            switch (offset) {
                case L4_CR1 -> s.cr1 = value;
                case L4_CR2 -> s.cr2 = value;
                case L4_CR3 -> s.cr3 = value;
                case L4_BRR -> s.brr = value & 0xFFFF;
                case L4_GTPR -> s.gtpr = value & 0xFFFF;
                case L4_RTOR -> s.rtor = value;
                case L4_RQR -> {
                    if ((value & 1 << 3) != 0) {
                        s.rxne = false;
                    }
                    if ((value & 1 << 4) != 0) {
                        s.tdrFull = false;
                    }
                }
                case L4_ICR -> {
                    if ((value & ORE) != 0) {
                        s.ore = false;
                    }
                    if ((value & IDLE) != 0) {
                        s.idle = false;
                    }
                    if ((value & TC) != 0) {
                        s.tc = false;
                    }
                }
                case L4_TDR -> transmit(value);
                default -> { }
            }
        }
        updateIrq();
    }

    @Override
    public boolean isPollable(int offset) {
        return offset == (layout == Layout.F1 ? F1_SR : L4_ISR);
    }

    @Override
    public void reset(ResetCause cause) {
        State fresh = new State();
        // bytes already on the wire keep travelling; the receiver is off after reset, so they are lost
        fresh.rxQueue = s.rxQueue;
        fresh.rxHeadEnd = s.rxHeadEnd;
        fresh.rxLineFree = s.rxLineFree;
        s = fresh;
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
