package dev.brickproof.emulator.soc;

/**
 * Independent watchdog at 0x4000_3000 (KR/PR/RLR/SR, + WINR on L4). 0xCCCC starts it (or the option bytes
 * start it at reset: F1 USER.WDG_SW = 0, L4 OPTR.IWDG_SW = 0), 0xAAAA reloads, 0x5555 opens PR/RLR/WINR.
 * It counts down from RLR at LSI / (4·2^PR) (LSI nominal: 40 kHz F1, 32 kHz L4) and resets the board with
 * IWDGRSTF when it reaches zero. Once started it cannot be stopped. PR/RLR changes take effect at the next
 * reload; SR.PVU/RVU read as 0 (updates are instant). The L4 window comparison is not modelled.
 */
public final class Iwdg implements Peripheral {
    public static final int KR = 0x00, PR = 0x04, RLR = 0x08, SR = 0x0C, WINR = 0x10;

    private final SocContext ctx;
    private final long lsiHz;
    /** Whether the option bytes loaded at this reset select the hardware watchdog (re-read at every reset). */
    private final java.util.function.BooleanSupplier hardwareStart;
    private State s = new State();

    private static final class State implements Cloneable {
        boolean running;
        boolean unlocked;
        int pr;
        int rlr = 0xFFF;
        int winr = 0xFFF;
        long expiresAt = Long.MAX_VALUE;
        long reloadedAt;

        State copy() {
            try {
                return (State) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    public Iwdg(SocContext ctx, long lsiHz, boolean hardwareStart) {
        this(ctx, lsiHz, () -> hardwareStart);
    }

    public Iwdg(SocContext ctx, long lsiHz, java.util.function.BooleanSupplier hardwareStart) {
        this.ctx = ctx;
        this.lsiHz = lsiHz;
        this.hardwareStart = hardwareStart;
    }

    @Override
    public String name() {
        return "IWDG";
    }

    @Override
    public int base() {
        return 0x4000_3000;
    }

    @Override
    public int size() {
        return 0x400;
    }

    /** Length of one counter tick in ps. */
    private long tickPs() {
        return (4L << s.pr) * 1_000_000_000_000L / lsiHz;
    }

    private void reload() {
        s.reloadedAt = ctx.nowPs();
        s.expiresAt = s.reloadedAt + (s.rlr + 1L) * tickPs();
        ctx.reschedule();
    }

    public boolean running() {
        return s.running;
    }

    @Override
    public int read(int offset) {
        return switch (offset) {
            case PR -> s.pr;
            case RLR -> s.rlr;
            case WINR -> s.winr;
            default -> 0;
        };
    }

    @Override
    public void write(int offset, int value, int size) {
        switch (offset) {
            case KR -> {
                int key = value & 0xFFFF;
                s.unlocked = key == 0x5555;
                if (key == 0xCCCC) {
                    if (!s.running) {
                        s.running = true;
                        reload();
                    }
                } else if (key == 0xAAAA && s.running) {
                    reload();
                }
            }
            case PR -> {
                if (s.unlocked) {
                    s.pr = Math.min(value & 7, 6);
                }
            }
            case RLR -> {
                if (s.unlocked) {
                    s.rlr = value & 0xFFF;
                }
            }
            case WINR -> {
                if (s.unlocked) {
                    s.winr = value & 0xFFF;
                }
            }
            default -> { }
        }
    }

    @Override
    public long nextEventPs() {
        return s.running ? s.expiresAt : Long.MAX_VALUE;
    }

    @Override
    public void advanceTo(long nowPs) {
        if (s.running && nowPs >= s.expiresAt) {
            s.running = false;
            s.expiresAt = Long.MAX_VALUE;
            ctx.requestReset(ResetCause.IWDG);
        }
    }

    @Override
    public void reset(ResetCause cause) {
        s = new State();
        if (hardwareStart.getAsBoolean()) {
            s.running = true;
            reload();
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
