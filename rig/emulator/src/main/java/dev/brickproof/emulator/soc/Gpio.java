package dev.brickproof.emulator.soc;

/**
 * One GPIO port with the F1 (CRL/CRH/IDR/ODR/BSRR/BRR/LCKR) or the L4
 * (MODER/OTYPER/OSPEEDR/PUPDR/IDR/ODR/BSRR/LCKR/AFRL/AFRH/BRR) layout.
 *
 * <p>Input level of a pin: the level the host drives with {@code setInput}, else its pull (F1: CNF = 10 with
 * ODR selecting up/down; L4: PUPDR), else 0 for a floating or analog pin. Output pins read back their ODR bit
 * in IDR. An "output" for the host (LED) is a general-purpose output pin; alternate-function pins are driven
 * by their peripheral and read as not-an-output. Slew rates, drive strength, EXTI edges are not modelled.
 */
public final class Gpio implements Peripheral {
    /** Output level changes of general-purpose output pins. */
    public interface Listener {
        void changed(char port, int pin, boolean high);
    }

    private final char port;
    private final int base;
    /** L4 MODER/OTYPER/AFR registers; F1 CRL/CRH configuration nibbles. */
    private final boolean moderLayout;
    private Listener listener = (p, n, h) -> { };
    private Runnable levelListener = () -> { };
    private State s;

    private static final class State implements Cloneable {
        int crl;
        int crh;
        int moder;
        int otyper;
        int ospeedr;
        int pupdr;
        int odr;
        int afrl;
        int afrh;
        int lckr;
        int lockSeq;
        boolean locked;
        int driven;     // mask of pins driven by the host
        int drivenHigh; // their levels
        int lastOutputs;
        int lastOutputMask;

        State copy() {
            try {
                return (State) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    public Gpio(char port, int base, SocFamily family) {
        this.port = port;
        this.base = base;
        this.moderLayout = family.hasModerGpio();
        this.s = fresh();
    }

    private State fresh() {
        State n = new State();
        if (!moderLayout) {
            n.crl = 0x4444_4444;
            n.crh = 0x4444_4444;
        } else {
            switch (port) {
                case 'A' -> {
                    n.moder = 0xABFF_FFFF;
                    n.ospeedr = 0x0C00_0000;
                    n.pupdr = 0x6400_0000;
                }
                case 'B' -> {
                    n.moder = 0xFFFF_FEBF;
                    n.ospeedr = 0x0000_00C0;
                    n.pupdr = 0x0000_0100;
                }
                case 'H' -> n.moder = 0x0000_000F;
                default -> n.moder = 0xFFFF_FFFF;
            }
        }
        return n;
    }

    public void setListener(Listener listener) {
        this.listener = listener;
    }

    public char port() {
        return port;
    }

    @Override
    public String name() {
        return "GPIO" + port;
    }

    @Override
    public int base() {
        return base;
    }

    @Override
    public int size() {
        return 0x400;
    }

    // ---------------------------------------------------------------- pin model

    private int f1Config(int pin) {
        int reg = pin < 8 ? s.crl : s.crh;
        return reg >>> (4 * (pin & 7)) & 0xF;
    }

    /** 0 input, 1 GP output, 2 alternate function, 3 analog. */
    private int mode(int pin) {
        if (moderLayout) {
            return s.moder >>> (2 * pin) & 3;
        }
        int cfg = f1Config(pin);
        if ((cfg & 3) == 0) {
            return (cfg >>> 2) == 0 ? 3 : 0;
        }
        return (cfg & 8) != 0 ? 2 : 1;
    }

    /**
     * True if {@code pin} is connected to alternate function {@code af} as an output (F1: alternate-function
     * output mode, any AF; L4: MODER = alternate function and AFRx = {@code af}).
     */
    public boolean alternateFunction(int pin, int af) {
        if (mode(pin) != 2) {
            return false;
        }
        if (!moderLayout) {
            return true;
        }
        int afr = pin < 8 ? s.afrl : s.afrh;
        return (afr >>> (4 * (pin & 7)) & 0xF) == af;
    }

    /** True if the pin's input buffer is on (F1: not analog; L4: input or alternate-function mode). */
    public boolean inputBufferOn(int pin) {
        return mode(pin) != 3;
    }

    /** +1 pull-up, -1 pull-down, 0 none. */
    private int pull(int pin) {
        if (moderLayout) {
            return switch (s.pupdr >>> (2 * pin) & 3) {
                case 1 -> 1;
                case 2 -> -1;
                default -> 0;
            };
        }
        int cfg = f1Config(pin);
        if ((cfg & 3) == 0 && (cfg >>> 2) == 2) {
            return (s.odr >>> pin & 1) != 0 ? 1 : -1;
        }
        return 0;
    }

    public boolean inputLevel(int pin) {
        int m = mode(pin);
        if (m == 1) {
            boolean od = moderLayout ? (s.otyper >>> pin & 1) != 0 : (f1Config(pin) & 4) != 0;
            boolean out = (s.odr >>> pin & 1) != 0;
            if (od && out && (s.driven >>> pin & 1) != 0) {
                return (s.drivenHigh >>> pin & 1) != 0;
            }
            return out;
        }
        if (m == 3) {
            return false;
        }
        if ((s.driven >>> pin & 1) != 0) {
            return (s.drivenHigh >>> pin & 1) != 0;
        }
        return pull(pin) > 0;
    }

    private int idr() {
        int v = 0;
        for (int pin = 0; pin < 16; pin++) {
            if (inputLevel(pin)) {
                v |= 1 << pin;
            }
        }
        return v;
    }

    /** The host drives (or releases, with null) a pin. */
    public void setInput(int pin, Boolean high) {
        if (high == null) {
            s.driven &= ~(1 << pin);
        } else {
            s.driven |= 1 << pin;
            if (high) {
                s.drivenHigh |= 1 << pin;
            } else {
                s.drivenHigh &= ~(1 << pin);
            }
        }
        levelListener.run();
    }

    /** Called after anything that may change an input level (host drive, register write, reset). */
    public void setLevelListener(Runnable listener) {
        this.levelListener = listener;
    }

    /** Level of a GP output pin; false when the pin is not a general-purpose output. */
    public boolean output(int pin) {
        return mode(pin) == 1 && (s.odr >>> pin & 1) != 0;
    }

    private void notifyOutputs() {
        int mask = 0;
        int levels = 0;
        for (int pin = 0; pin < 16; pin++) {
            if (mode(pin) == 1) {
                mask |= 1 << pin;
                if ((s.odr >>> pin & 1) != 0) {
                    levels |= 1 << pin;
                }
            }
        }
        int changed = (levels ^ s.lastOutputs) | (mask ^ s.lastOutputMask);
        s.lastOutputs = levels;
        s.lastOutputMask = mask;
        for (int pin = 0; pin < 16 && changed != 0; pin++) {
            if ((changed >>> pin & 1) != 0) {
                listener.changed(port, pin, (levels >>> pin & 1) != 0);
            }
        }
    }

    // ---------------------------------------------------------------- registers

    @Override
    public int read(int offset) {
        if (!moderLayout) {
            return switch (offset) {
                case 0x00 -> s.crl;
                case 0x04 -> s.crh;
                case 0x08 -> idr();
                case 0x0C -> s.odr;
                case 0x18 -> readLock();
                default -> 0;
            };
        }
        return switch (offset) {
            case 0x00 -> s.moder;
            case 0x04 -> s.otyper;
            case 0x08 -> s.ospeedr;
            case 0x0C -> s.pupdr;
            case 0x10 -> idr();
            case 0x14 -> s.odr;
            case 0x1C -> readLock();
            case 0x20 -> s.afrl;
            case 0x24 -> s.afrh;
            default -> 0;
        };
    }

    private int readLock() {
        if (s.lockSeq == 3) {
            s.lockSeq = 4;
        } else if (s.lockSeq == 4) {
            s.lockSeq = 0;
        }
        return s.lckr | (s.locked ? 1 << 16 : 0);
    }

    private void writeLock(int value) {
        if (s.locked) {
            return;
        }
        boolean lckk = (value & 1 << 16) != 0;
        int keys = value & 0xFFFF;
        switch (s.lockSeq) {
            case 0 -> s.lockSeq = lckk ? 1 : 0;
            case 1 -> s.lockSeq = !lckk && keys == (s.lckr & 0xFFFF) ? 2 : 0;
            case 2 -> {
                if (lckk && keys == (s.lckr & 0xFFFF)) {
                    s.lockSeq = 3;
                    s.locked = true;
                    return;
                }
                s.lockSeq = 0;
            }
            default -> s.lockSeq = 0;
        }
        s.lckr = keys;
    }

    private int keepLocked(int old, int value, int bitsPerPin, int firstPin) {
        if (!s.locked) {
            return value;
        }
        int result = value;
        int pinsInReg = 32 / bitsPerPin;
        for (int i = 0; i < pinsInReg; i++) {
            int pin = firstPin + i;
            if ((s.lckr >>> pin & 1) != 0) {
                int m = ((1 << bitsPerPin) - 1) << (i * bitsPerPin);
                result = (result & ~m) | (old & m);
            }
        }
        return result;
    }

    @Override
    public void write(int offset, int value, int size) {
        if (!moderLayout) {
            switch (offset) {
                case 0x00 -> s.crl = keepLocked(s.crl, value, 4, 0);
                case 0x04 -> s.crh = keepLocked(s.crh, value, 4, 8);
                case 0x0C -> s.odr = value & 0xFFFF;
                case 0x10 -> bsrr(value);
                case 0x14 -> s.odr &= ~(value & 0xFFFF);
                case 0x18 -> writeLock(value);
                default -> { }
            }
        } else {
            switch (offset) {
                case 0x00 -> s.moder = keepLocked(s.moder, value, 2, 0);
                case 0x04 -> s.otyper = keepLocked(s.otyper, value & 0xFFFF, 1, 0);
                case 0x08 -> s.ospeedr = keepLocked(s.ospeedr, value, 2, 0);
                case 0x0C -> s.pupdr = keepLocked(s.pupdr, value, 2, 0);
                case 0x14 -> s.odr = value & 0xFFFF;
                case 0x18 -> bsrr(value);
                case 0x1C -> writeLock(value);
                case 0x20 -> s.afrl = keepLocked(s.afrl, value, 4, 0);
                case 0x24 -> s.afrh = keepLocked(s.afrh, value, 4, 8);
                case 0x28 -> s.odr &= ~(value & 0xFFFF);
                default -> { }
            }
        }
        notifyOutputs();
        levelListener.run();
    }

    private void bsrr(int value) {
        s.odr = (s.odr & ~(value >>> 16)) | (value & 0xFFFF);
    }

    /** IDR changes only when the host drives a pin or the firmware stores: a key-wait loop may be skipped. */
    @Override
    public boolean isPollable(int offset) {
        return offset == (moderLayout ? 0x10 : 0x08);
    }

    @Override
    public void reset(ResetCause cause) {
        State n = fresh();
        n.driven = s.driven;
        n.drivenHigh = s.drivenHigh;
        n.lastOutputs = s.lastOutputs;
        n.lastOutputMask = s.lastOutputMask;
        s = n;
        notifyOutputs();
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
