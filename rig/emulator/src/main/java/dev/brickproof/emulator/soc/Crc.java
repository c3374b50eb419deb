package dev.brickproof.emulator.soc;

/**
 * The CRC calculation unit at 0x4002_3000 (AHB; clock CRCEN in RCC_AHBENR on the F1, RCC_AHB1ENR on the L4).
 *
 * <p>F1 (RM0008 §14): DR (reset 0xFFFF_FFFF; a write feeds one 32-bit word, MSB first, through the fixed
 * polynomial 0x04C1_1DB7; a read returns the CRC), IDR (8-bit scratch), CR (RESET, bit 0: DR back to
 * 0xFFFF_FFFF; reads 0). Every write to DR counts as a 32-bit word, as the F1 unit only knows words.
 *
 * <p>L4 (RM0394 §14): adds INIT (0x10, reset 0xFFFF_FFFF, loaded into DR by CR.RESET), POL (0x14, reset
 * 0x04C1_1DB7), CR.POLYSIZE (bits 4:3: 32, 16, 8, 7 bits), CR.REV_IN (bits 6:5: none, by byte, by half-word,
 * by word) and CR.REV_OUT (bit 7, DR read bit-reversed over the polynomial size). The input width is the
 * access width (byte, half-word or word stores to DR), fed MSB first.
 *
 * <p>The usual zip CRC-32 (java.util.zip.CRC32) is therefore: F1 {@code ~rbit(crc)} over {@code rbit(word)}
 * inputs; L4 REV_IN = by word, REV_OUT, then {@code ~DR}.
 */
public final class Crc implements Peripheral {
    static final int DR = 0x00, IDR = 0x04, CR = 0x08, INIT = 0x10, POL = 0x14;
    private static final int DEFAULT_POLY = 0x04C1_1DB7;

    /** L4: CR/INIT/POL programmable and byte/half-word feeds; F1: fixed CRC-32 on words. */
    private final boolean configurable;
    private State s = new State();

    private static final class State implements Cloneable {
        int crc = -1;
        int idr;
        int cr;
        int init = -1;
        int pol = DEFAULT_POLY;

        State copy() {
            try {
                return (State) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    public Crc(SocFamily family) {
        this.configurable = family.hasConfigurableCrc();
    }

    @Override
    public String name() {
        return "CRC";
    }

    @Override
    public int base() {
        return 0x4002_3000;
    }

    @Override
    public int size() {
        return 0x400;
    }

    /** Polynomial width in bits (always 32 on the F1). */
    private int polyBits() {
        if (!configurable) {
            return 32;
        }
        return switch (s.cr >>> 3 & 3) {
            case 0 -> 32;
            case 1 -> 16;
            case 2 -> 8;
            default -> 7;
        };
    }

    private static int mask(int bits) {
        return bits == 32 ? -1 : (1 << bits) - 1;
    }

    @Override
    public int read(int offset) {
        return switch (offset) {
            case DR -> dataRegister();
            case IDR -> s.idr;
            case CR -> configurable ? s.cr : 0;
            case INIT -> configurable ? s.init : 0;
            case POL -> configurable ? s.pol : 0;
            default -> 0;
        };
    }

    private int dataRegister() {
        int bits = polyBits();
        int v = s.crc & mask(bits);
        if (configurable && (s.cr & 1 << 7) != 0) {
            v = Integer.reverse(v) >>> (32 - bits);
        }
        return v;
    }

    @Override
    public void write(int offset, int value, int size) {
        switch (offset) {
            case DR -> feed(value, configurable ? size : 4);
            case IDR -> s.idr = value & 0xFF;
            case CR -> {
                if (configurable) {
                    s.cr = value & 0xF8;
                }
                if ((value & 1) != 0) {
                    s.crc = configurable ? s.init : -1;
                }
            }
            case INIT -> {
                if (configurable) {
                    s.init = value;
                }
            }
            case POL -> {
                if (configurable) {
                    s.pol = value;
                }
            }
            default -> { }
        }
    }

    /** One input datum of {@code width} bytes (the value comes in its byte lane: the low bytes for DR). */
    private void feed(int value, int width) {
        int bitsIn = 8 * width;
        int data = bitsIn == 32 ? value : value & mask(bitsIn);
        if (configurable) {
            data = reverseInput(data, width);
        }
        int bits = polyBits();
        int top = 1 << (bits - 1);
        int m = mask(bits);
        int poly = s.pol & m;
        int crc = s.crc & m;
        for (int i = bitsIn - 1; i >= 0; i--) {
            boolean feedback = ((crc & top) != 0) ^ ((data >>> i & 1) != 0);
            crc = (crc << 1) & m;
            if (feedback) {
                crc ^= poly;
            }
        }
        s.crc = crc;
    }

    /** CR.REV_IN: bit order reversed within each byte, half-word or word (never wider than the datum). */
    private int reverseInput(int data, int width) {
        int unit = switch (s.cr >>> 5 & 3) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 2;
            default -> 4;
        };
        if (unit == 0) {
            return data;
        }
        unit = Math.min(unit, width);
        int bits = 8 * unit;
        int out = 0;
        for (int lane = 0; lane < width; lane += unit) {
            int part = (data >>> (8 * lane)) & mask(bits);
            out |= (Integer.reverse(part) >>> (32 - bits)) << (8 * lane);
        }
        return out;
    }

    @Override
    public void reset(ResetCause cause) {
        s = new State();
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
