package dev.brickproof.emulator.cpu;

/** Arithmetic of the ARMv7E-M DSP extension that does not touch core state (pure functions). */
final class Dsp {
    private Dsp() {
    }

    /** Signed saturation to {@code bits} bits; bit 32 of the result is the saturated flag. */
    static long signedSat(long value, int bits) {
        long max = (1L << (bits - 1)) - 1;
        long min = -(1L << (bits - 1));
        if (value > max) {
            return (max & 0xFFFF_FFFFL) | (1L << 32);
        }
        if (value < min) {
            return (min & 0xFFFF_FFFFL) | (1L << 32);
        }
        return value & 0xFFFF_FFFFL;
    }

    /** Unsigned saturation to {@code bits} bits (0..32); bit 32 of the result is the saturated flag. */
    static long unsignedSat(long value, int bits) {
        long max = bits >= 32 ? 0xFFFF_FFFFL : (1L << bits) - 1;
        if (value > max) {
            return max | (1L << 32);
        }
        if (value < 0) {
            return 1L << 32;
        }
        return value;
    }

    /**
     * The parallel add/subtract family (SADD16 .. UHSUB8).
     *
     * @param op1 hw1[6:4]: 001 ADD16, 010 ASX, 110 SAX, 101 SUB16, 000 ADD8, 100 SUB8
     * @param mode 0 plain (sets GE), 1 saturating, 2 halving
     * @return result in the low 32 bits; GE bits in bits 35:32 (plain mode only), bit 36 set when op1 is invalid
     */
    static long parallel(int op1, int mode, boolean unsigned, int a, int b) {
        int lanes;
        int width;
        boolean[] sub = new boolean[4];
        boolean cross = false;
        switch (op1) {
            case 1: // ADD16
                lanes = 2;
                width = 16;
                break;
            case 2: // ASX: lo = a.lo - b.hi, hi = a.hi + b.lo
                lanes = 2;
                width = 16;
                cross = true;
                sub[0] = true;
                break;
            case 6: // SAX: lo = a.lo + b.hi, hi = a.hi - b.lo
                lanes = 2;
                width = 16;
                cross = true;
                sub[1] = true;
                break;
            case 5:
                lanes = 2;
                width = 16;
                sub[0] = true;
                sub[1] = true;
                break;
            case 0:
                lanes = 4;
                width = 8;
                break;
            case 4:
                lanes = 4;
                width = 8;
                java.util.Arrays.fill(sub, true);
                break;
            default:
                return 1L << 36;
        }
        int laneMask = (1 << width) - 1;
        int result = 0;
        int ge = 0;
        for (int i = 0; i < lanes; i++) {
            int bi = cross ? 1 - i : i;
            long x = lane(a, i, width, unsigned);
            long y = lane(b, bi, width, unsigned);
            long s = sub[i] ? x - y : x + y;
            long out;
            switch (mode) {
                case 1:
                    out = unsigned ? unsignedSat(s, width) : signedSat(s, width);
                    break;
                case 2:
                    out = s >> 1;
                    break;
                default: {
                    out = s;
                    boolean g;
                    if (unsigned) {
                        g = sub[i] ? s >= 0 : s >= (1L << width);
                    } else {
                        g = s >= 0;
                    }
                    if (g) {
                        ge |= (width == 16 ? 3 : 1) << (i * (width / 8));
                    }
                }
            }
            result |= ((int) out & laneMask) << (i * width);
        }
        return (result & 0xFFFF_FFFFL) | ((long) ge << 32);
    }

    private static long lane(int v, int i, int width, boolean unsigned) {
        int x = v >>> (i * width);
        if (width == 16) {
            return unsigned ? x & 0xFFFF : (short) x;
        }
        return unsigned ? x & 0xFF : (byte) x;
    }

    static int sel(int a, int b, int ge) {
        int r = 0;
        for (int i = 0; i < 4; i++) {
            int m = 0xFF << (8 * i);
            r |= ((ge >>> i) & 1) != 0 ? a & m : b & m;
        }
        return r;
    }

    static int usad8(int a, int b) {
        int sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += Math.abs(((a >>> (8 * i)) & 0xFF) - ((b >>> (8 * i)) & 0xFF));
        }
        return sum;
    }
}
