package dev.brickproof.emulator.cpu;

/**
 * Single-precision floating-point arithmetic of the FPv4-SP extension as the ARMv7-M ARM's pseudocode defines it
 * (A2.5 "Floating-point data types and arithmetic": FPUnpack, FPProcessNaNs, FPRound, FPAdd, FPMul, FPMulAdd,
 * FPDiv, FPSqrt, FPCompare, FPToFixed, FixedToFP, FPHalfToSingle, FPSingleToHalf), on IEEE bit patterns.
 *
 * <p>Every result is computed exactly in integers (a mantissa, a power of two and a sticky bit for what lies below
 * it) and rounded once by {@link #round}, so all four FPSCR rounding modes, flush-to-zero (inputs: IDC; outputs
 * tiny before rounding: UFC), default NaN and the cumulative exception flags follow the pseudocode, fused
 * multiply-add included. Java's float arithmetic is not used for results: it only rounds to nearest and reports
 * no exceptions.
 *
 * <p>The FPSCR lives here: {@link #fpscr} supplies the rounding mode, FZ, DN and AHP, and collects the cumulative
 * exception flags (the M profile has no floating-point traps).
 */
final class FpArithmetic {
    // FPSCR bits
    static final int IOC = 1, DZC = 1 << 1, OFC = 1 << 2, UFC = 1 << 3, IXC = 1 << 4, IDC = 1 << 7;
    static final int FZ = 1 << 24, DN = 1 << 25, AHP = 1 << 26;
    /** FPSCR bits the Cortex-M4 implements: N Z C V, AHP, DN, FZ, RMode, IDC, IXC, UFC, OFC, DZC, IOC. */
    static final int FPSCR_MASK = 0xF7C0_009F;
    static final int RN = 0, RP = 1, RM = 2, RZ = 3;
    static final int DEFAULT_NAN = 0x7FC0_0000;

    private static final int ZERO = 0, NONZERO = 1, INFINITY = 2, QNAN = 3, SNAN = 4;

    int fpscr;

    // ---- result of the last unpack (FPUnpack's type, sign and value = mant * 2^exp)
    private int type;
    private boolean negative;
    private long mant;
    private int exp;

    // ---- exact intermediate before rounding: (-1)^exactNegative * (exactMant + (exactSticky ? (0,1) : 0)) * 2^exactExp
    private boolean exactNegative;
    private long exactMant;
    private int exactExp;
    private boolean exactSticky;

    private int rounding() {
        return (fpscr >>> 22) & 3;
    }

    private void raise(int flags) {
        fpscr |= flags;
    }

    // =================================================================================================
    // Unpacking and NaN handling
    // =================================================================================================

    /** FPUnpack (single precision) with the FPSCR's FZ: sets type, negative, mant and exp; raises IDC when flushing. */
    private void unpack(int bits) {
        negative = bits < 0;
        int e = (bits >>> 23) & 0xFF;
        int frac = bits & 0x7F_FFFF;
        if (e == 0) {
            if (frac == 0 || (fpscr & FZ) != 0) {
                type = ZERO;
                mant = 0;
                exp = 0;
                if (frac != 0) {
                    raise(IDC);
                }
            } else {
                type = NONZERO;
                mant = frac;
                exp = -149;
            }
        } else if (e == 0xFF) {
            type = frac == 0 ? INFINITY : (frac & 0x40_0000) != 0 ? QNAN : SNAN;
            mant = 0;
            exp = 0;
        } else {
            type = NONZERO;
            mant = frac | 0x80_0000;
            exp = e - 150;
        }
    }

    private static boolean isNan(int type) {
        return type == QNAN || type == SNAN;
    }

    /** FPProcessNaN: quiets a signalling NaN (IOC), or the default NaN with FPSCR.DN. */
    private int processNan(int type, int bits) {
        int result = bits;
        if (type == SNAN) {
            result |= 0x40_0000;
            raise(IOC);
        }
        return (fpscr & DN) != 0 ? DEFAULT_NAN : result;
    }

    private static int typeOf(int bits, boolean flush) {
        int e = (bits >>> 23) & 0xFF;
        int frac = bits & 0x7F_FFFF;
        if (e == 0xFF) {
            return frac == 0 ? INFINITY : (frac & 0x40_0000) != 0 ? QNAN : SNAN;
        }
        if (e == 0 && (frac == 0 || flush)) {
            return ZERO;
        }
        return NONZERO;
    }

    // =================================================================================================
    // Operations
    // =================================================================================================

    /** FPAdd. */
    int add(int op1, int op2) {
        return addOrSubtract(op1, op2, false);
    }

    /** FPSub: NaNs are processed as given, the subtrahend's sign is inverted after that. */
    int sub(int op1, int op2) {
        return addOrSubtract(op1, op2, true);
    }

    private int addOrSubtract(int op1, int op2, boolean subtract) {
        unpack(op1);
        int type1 = type;
        boolean sign1 = negative;
        long m1 = mant;
        int e1 = exp;
        unpack(op2);
        int type2 = type;
        boolean sign2 = negative != subtract;
        Integer nan = processNans(type1, op1, type2, op2);
        if (nan != null) {
            return nan;
        }
        boolean inf1 = type1 == INFINITY;
        boolean inf2 = type2 == INFINITY;
        if (inf1 && inf2 && sign1 != sign2) {
            raise(IOC);
            return DEFAULT_NAN;
        }
        if ((inf1 && !sign1) || (inf2 && !sign2)) {
            return 0x7F80_0000;
        }
        if (inf1 || inf2) {
            return 0xFF80_0000;
        }
        if (type1 == ZERO && type2 == ZERO && sign1 == sign2) {
            return zero(sign1);
        }
        if (!sumExact(sign1, m1, e1, sign2, mant, exp)) {
            return zero(rounding() == RM);
        }
        return roundExact(FORMAT_SINGLE);
    }

    /** FPMul. */
    int mul(int op1, int op2) {
        unpack(op1);
        int type1 = type;
        boolean sign1 = negative;
        long m1 = mant;
        int e1 = exp;
        unpack(op2);
        int type2 = type;
        boolean sign2 = negative;
        Integer nan = processNans(type1, op1, type2, op2);
        if (nan != null) {
            return nan;
        }
        boolean sign = sign1 != sign2;
        if ((type1 == INFINITY && type2 == ZERO) || (type1 == ZERO && type2 == INFINITY)) {
            raise(IOC);
            return DEFAULT_NAN;
        }
        if (type1 == INFINITY || type2 == INFINITY) {
            return infinity(sign);
        }
        if (type1 == ZERO || type2 == ZERO) {
            return zero(sign);
        }
        exactNegative = sign;
        exactMant = m1 * mant;
        exactExp = e1 + exp;
        exactSticky = false;
        return roundExact(FORMAT_SINGLE);
    }

    /** FPDiv. */
    int div(int op1, int op2) {
        unpack(op1);
        int type1 = type;
        boolean sign1 = negative;
        long m1 = mant;
        int e1 = exp;
        unpack(op2);
        int type2 = type;
        boolean sign2 = negative;
        Integer nan = processNans(type1, op1, type2, op2);
        if (nan != null) {
            return nan;
        }
        boolean sign = sign1 != sign2;
        boolean inf1 = type1 == INFINITY;
        boolean inf2 = type2 == INFINITY;
        boolean zero1 = type1 == ZERO;
        boolean zero2 = type2 == ZERO;
        if ((inf1 && inf2) || (zero1 && zero2)) {
            raise(IOC);
            return DEFAULT_NAN;
        }
        if (inf1 || zero2) {
            if (!inf1) {
                raise(DZC);
            }
            return infinity(sign);
        }
        if (zero1 || inf2) {
            return zero(sign);
        }
        long m2 = mant;
        int e2 = exp;
        int s1 = Long.numberOfLeadingZeros(m1) - 40; // mantissas to [2^23, 2^24)
        int s2 = Long.numberOfLeadingZeros(m2) - 40;
        m1 <<= s1;
        e1 -= s1;
        m2 <<= s2;
        e2 -= s2;
        long numerator = m1 << 38;
        exactNegative = sign;
        exactMant = numerator / m2;
        exactSticky = numerator % m2 != 0;
        exactExp = e1 - e2 - 38;
        return roundExact(FORMAT_SINGLE);
    }

    /** FPSqrt. */
    int sqrt(int op) {
        unpack(op);
        if (isNan(type)) {
            return processNan(type, op);
        }
        if (type == ZERO) {
            return zero(negative);
        }
        if (type == INFINITY && !negative) {
            return 0x7F80_0000;
        }
        if (negative) {
            raise(IOC);
            return DEFAULT_NAN;
        }
        long m = mant;
        int e = exp;
        int shift = Long.numberOfLeadingZeros(m) - 2; // MSB to bit 61
        if (((e - shift) & 1) != 0) {
            shift--;
        }
        m <<= shift;
        e -= shift;
        long root = (long) Math.sqrt((double) m);
        while (root * root > m) {
            root--;
        }
        while ((root + 1) * (root + 1) <= m) {
            root++;
        }
        exactNegative = false;
        exactMant = root;
        exactSticky = root * root != m;
        exactExp = e / 2;
        return roundExact(FORMAT_SINGLE);
    }

    /** FPMulAdd(addend, op1, op2): addend + op1 * op2 rounded once. */
    int mulAdd(int addend, int op1, int op2) {
        unpack(addend);
        int typeA = type;
        boolean signA = negative;
        long mA = mant;
        int eA = exp;
        unpack(op1);
        int type1 = type;
        boolean sign1 = negative;
        long m1 = mant;
        int e1 = exp;
        unpack(op2);
        int type2 = type;
        boolean sign2 = negative;
        boolean inf1 = type1 == INFINITY;
        boolean inf2 = type2 == INFINITY;
        boolean zero1 = type1 == ZERO;
        boolean zero2 = type2 == ZERO;
        Integer nan = null;
        if (typeA == SNAN) {
            nan = processNan(typeA, addend);
        } else if (type1 == SNAN) {
            nan = processNan(type1, op1);
        } else if (type2 == SNAN) {
            nan = processNan(type2, op2);
        } else if (typeA == QNAN) {
            nan = processNan(typeA, addend);
        } else if (type1 == QNAN) {
            nan = processNan(type1, op1);
        } else if (type2 == QNAN) {
            nan = processNan(type2, op2);
        }
        if (typeA == QNAN && ((inf1 && zero2) || (zero1 && inf2))) {
            raise(IOC);
            return DEFAULT_NAN;
        }
        if (nan != null) {
            return nan;
        }
        boolean infA = typeA == INFINITY;
        boolean zeroA = typeA == ZERO;
        boolean signP = sign1 != sign2;
        boolean infP = inf1 || inf2;
        boolean zeroP = zero1 || zero2;
        if ((inf1 && zero2) || (zero1 && inf2) || (infA && infP && signA != signP)) {
            raise(IOC);
            return DEFAULT_NAN;
        }
        if ((infA && !signA) || (infP && !signP)) {
            return 0x7F80_0000;
        }
        if (infA || infP) {
            return 0xFF80_0000;
        }
        if (zeroA && zeroP && signA == signP) {
            return zero(signA);
        }
        boolean exact;
        if (zeroP) {
            exact = sumExact(signA, mA, eA, false, 0, 0);
        } else if (zeroA) {
            exact = sumExact(signP, m1 * mant, e1 + exp, false, 0, 0);
        } else {
            exact = sumExact(signA, mA, eA, signP, m1 * mant, e1 + exp);
        }
        if (!exact) {
            return zero(rounding() == RM);
        }
        return roundExact(FORMAT_SINGLE);
    }

    /** FPCompare: the NZCV flags in bits 31:28; {@code quietNanException} for VCMPE. */
    int compare(int op1, int op2, boolean quietNanException) {
        int type1 = typeOf(op1, (fpscr & FZ) != 0);
        int type2 = typeOf(op2, (fpscr & FZ) != 0);
        unpack(op1); // for IDC
        unpack(op2);
        if (isNan(type1) || isNan(type2)) {
            if (type1 == SNAN || type2 == SNAN || quietNanException) {
                raise(IOC);
            }
            return 0x3000_0000;
        }
        float v1 = type1 == ZERO ? 0f : Float.intBitsToFloat(op1);
        float v2 = type2 == ZERO ? 0f : Float.intBitsToFloat(op2);
        if (v1 == v2) {
            return 0x6000_0000;
        }
        return v1 < v2 ? 0x8000_0000 : 0x2000_0000;
    }

    /**
     * FPToFixed for an N-bit (16 or 32) result with {@code fractionBits}, rounding towards zero or with the FPSCR's
     * mode; saturates with IOC; the result is sign- or zero-extended to 32 bits.
     */
    int toFixed(int op, int n, int fractionBits, boolean unsigned, boolean roundTowardsZero) {
        unpack(op);
        int mode = roundTowardsZero ? RZ : rounding();
        if (isNan(type)) {
            raise(IOC);
            return 0;
        }
        long magnitude;
        boolean inexact = false;
        boolean huge = false;
        if (type == INFINITY) {
            huge = true;
            magnitude = 0;
        } else if (type == ZERO) {
            magnitude = 0;
        } else {
            int shift = exp + fractionBits;
            if (shift >= 0) {
                if (64 - Long.numberOfLeadingZeros(mant) + shift > 40) {
                    huge = true;
                    magnitude = 0;
                } else {
                    magnitude = mant << shift;
                }
            } else {
                int right = -shift;
                long rem;
                long half;
                if (right >= 64) {
                    magnitude = 0;
                    rem = mant; // below half: mant < 2^24
                    half = Long.MAX_VALUE;
                } else {
                    magnitude = mant >>> right;
                    rem = mant & ((1L << right) - 1);
                    half = 1L << (right - 1);
                }
                inexact = rem != 0;
                boolean up;
                switch (mode) {
                    case RN: up = rem > half || (rem == half && (magnitude & 1) != 0); break;
                    case RP: up = inexact && !negative; break;
                    case RM: up = inexact && negative; break;
                    default: up = false; break;
                }
                if (up) {
                    magnitude++;
                }
            }
        }
        long min = unsigned ? 0 : -(1L << (n - 1));
        long max = unsigned ? (1L << n) - 1 : (1L << (n - 1)) - 1;
        long value = negative ? -magnitude : magnitude;
        if (huge) {
            value = negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (value < min || value > max) {
            raise(IOC);
            value = value < min ? min : max;
        } else if (inexact) {
            raise(IXC);
        }
        int result = (int) value;
        if (n == 16) {
            result = unsigned ? result & 0xFFFF : (short) result;
        }
        return result;
    }

    /** FixedToFP: an N-bit integer (16 or 32, low bits of {@code op}) with {@code fractionBits}, FPSCR rounding. */
    int fromFixed(int op, int n, int fractionBits, boolean unsigned) {
        long v;
        if (n == 16) {
            v = unsigned ? op & 0xFFFF : (short) op;
        } else {
            v = unsigned ? op & 0xFFFF_FFFFL : op;
        }
        if (v == 0) {
            return 0;
        }
        exactNegative = v < 0;
        exactMant = Math.abs(v);
        exactExp = -fractionBits;
        exactSticky = false;
        return roundExact(FORMAT_SINGLE);
    }

    /** FPHalfToSingle of the half-precision value in the low 16 bits of {@code half}. */
    int halfToSingle(int half) {
        boolean sign = (half & 0x8000) != 0;
        int e = (half >>> 10) & 0x1F;
        int frac = half & 0x3FF;
        boolean alternative = (fpscr & AHP) != 0;
        if (e == 0x1F && !alternative) {
            if (frac == 0) {
                return infinity(sign);
            }
            if ((frac & 0x200) == 0) {
                raise(IOC);
            }
            if ((fpscr & DN) != 0) {
                return DEFAULT_NAN;
            }
            return (sign ? 0x8000_0000 : 0) | 0x7FC0_0000 | ((frac & 0x1FF) << 13);
        }
        if (e == 0 && frac == 0) {
            return zero(sign);
        }
        exactNegative = sign;
        exactMant = e == 0 ? frac : frac | 0x400;
        exactExp = (e == 0 ? 1 : e) - 25;
        exactSticky = false;
        return roundExact(FORMAT_SINGLE);
    }

    /** FPSingleToHalf: the half-precision result in the low 16 bits (IEEE or, with FPSCR.AHP, alternative format). */
    int singleToHalf(int op) {
        unpack(op);
        boolean alternative = (fpscr & AHP) != 0;
        int sign = negative ? 0x8000 : 0;
        if (isNan(type)) {
            if (alternative) {
                raise(IOC);
                return sign;
            }
            if (type == SNAN) {
                raise(IOC);
            }
            if ((fpscr & DN) != 0) {
                return 0x7E00;
            }
            return sign | 0x7E00 | ((op >>> 13) & 0x1FF);
        }
        if (type == INFINITY) {
            if (alternative) {
                raise(IOC);
                return sign | 0x7FFF;
            }
            return sign | 0x7C00;
        }
        if (type == ZERO) {
            return sign;
        }
        exactNegative = negative;
        exactMant = mant;
        exactExp = exp;
        exactSticky = false;
        return roundExact(alternative ? FORMAT_HALF_ALTERNATIVE : FORMAT_HALF);
    }

    // =================================================================================================
    // Helpers
    // =================================================================================================

    private Integer processNans(int type1, int op1, int type2, int op2) {
        if (type1 == SNAN) {
            return processNan(type1, op1);
        }
        if (type2 == SNAN) {
            return processNan(type2, op2);
        }
        if (type1 == QNAN) {
            return processNan(type1, op1);
        }
        if (type2 == QNAN) {
            return processNan(type2, op2);
        }
        return null;
    }

    private static int zero(boolean negative) {
        return negative ? 0x8000_0000 : 0;
    }

    private static int infinity(boolean negative) {
        return negative ? 0xFF80_0000 : 0x7F80_0000;
    }

    /**
     * The exact sum of two values {@code m * 2^e} (mantissas below 2^49, either may be 0) into the exact fields;
     * false when the sum is exactly zero.
     */
    private boolean sumExact(boolean neg1, long m1, int e1, boolean neg2, long m2, int e2) {
        if (m2 == 0) {
            exactNegative = neg1;
            exactMant = m1;
            exactExp = e1;
            exactSticky = false;
            return m1 != 0;
        }
        if (m1 == 0) {
            return sumExact(neg2, m2, e2, false, 0, 0);
        }
        int top1 = e1 + 64 - Long.numberOfLeadingZeros(m1);
        int top2 = e2 + 64 - Long.numberOfLeadingZeros(m2);
        if (top2 > top1) {
            return sumExact(neg2, m2, e2, neg1, m1, e1);
        }
        int shl = Long.numberOfLeadingZeros(m1) - 2; // MSB of the larger to bit 61
        long hi = m1 << shl;
        int base = e1 - shl;
        int k = base - e2;
        long lo;
        boolean sticky = false;
        if (k <= 0) {
            lo = m2 << -k;
        } else if (k >= 63) {
            lo = 0;
            sticky = true;
        } else {
            lo = m2 >>> k;
            sticky = (m2 & ((1L << k) - 1)) != 0;
        }
        exactExp = base;
        exactSticky = sticky;
        if (neg1 == neg2) {
            exactNegative = neg1;
            exactMant = hi + lo;
            return true;
        }
        long difference = sticky ? hi - lo - 1 : hi - lo;
        if (difference == 0 && !sticky) {
            return false;
        }
        if (difference < 0) {
            exactNegative = neg2;
            exactMant = -difference;
        } else {
            exactNegative = neg1;
            exactMant = difference;
        }
        return true;
    }

    /** A destination format for FPRound: minimum exponent, exponent bits, fraction bits, alternative half. */
    private record Format(int minimumExp, int exponentBits, int fractionBits, boolean alternative, boolean flushable) {
    }

    private static final Format FORMAT_SINGLE = new Format(-126, 8, 23, false, true);
    private static final Format FORMAT_HALF = new Format(-14, 5, 10, false, false);
    private static final Format FORMAT_HALF_ALTERNATIVE = new Format(-14, 5, 10, true, false);

    /**
     * FPRound of the exact fields (non-zero) with the FPSCR's rounding mode and FZ. With {@code exactSticky} the
     * mantissa must carry at least two bits below the result's last place (every caller's does).
     */
    private int roundExact(Format f) {
        long m = exactMant;
        int e2 = exactExp;
        if (!exactSticky) {
            int shl = Long.numberOfLeadingZeros(m) - 1; // MSB to bit 62: plenty of guard bits, no sticky needed
            m <<= shl;
            e2 -= shl;
        }
        int msb = 63 - Long.numberOfLeadingZeros(m);
        int exponent = e2 + msb; // value = 1.xxx * 2^exponent
        boolean negative = exactNegative;
        int signBit = negative ? 1 << (f.exponentBits + f.fractionBits) : 0;
        if (f.flushable && (fpscr & FZ) != 0 && exponent < f.minimumExp) {
            raise(UFC);
            return signBit;
        }
        int biasedExp = Math.max(exponent - f.minimumExp + 1, 0);
        int lsbExp = (biasedExp > 0 ? exponent : f.minimumExp) - f.fractionBits;
        int sh = lsbExp - e2;
        long intMant;
        long rem;
        long half;
        if (sh >= 64) {
            intMant = 0;
            rem = 1; // non-zero and below half
            half = Long.MAX_VALUE;
        } else {
            intMant = m >>> sh;
            rem = sh == 0 ? 0 : m & (-1L >>> (64 - sh));
            half = sh == 0 ? 1 : 1L << (sh - 1);
        }
        boolean sticky = exactSticky;
        boolean inexact = rem != 0 || sticky;
        if (biasedExp == 0 && inexact) {
            raise(UFC);
        }
        boolean roundUp;
        boolean overflowToInfinity;
        switch (rounding()) {
            case RN:
                roundUp = sticky ? rem >= half : rem > half || (rem == half && (intMant & 1) != 0);
                overflowToInfinity = true;
                break;
            case RP:
                roundUp = inexact && !negative;
                overflowToInfinity = !negative;
                break;
            case RM:
                roundUp = inexact && negative;
                overflowToInfinity = negative;
                break;
            default:
                roundUp = false;
                overflowToInfinity = false;
                break;
        }
        if (roundUp) {
            intMant++;
            if (intMant == 1L << f.fractionBits) {
                biasedExp = 1;
            }
            if (intMant == 1L << (f.fractionBits + 1)) {
                biasedExp++;
                intMant >>>= 1;
            }
        }
        int fracMask = (1 << f.fractionBits) - 1;
        int result;
        if (!f.alternative) {
            int maxExp = (1 << f.exponentBits) - 1;
            if (biasedExp >= maxExp) {
                result = overflowToInfinity ? signBit | (maxExp << f.fractionBits)
                        : signBit | ((maxExp - 1) << f.fractionBits) | fracMask;
                raise(OFC);
                inexact = true;
            } else {
                result = signBit | (biasedExp << f.fractionBits) | ((int) intMant & fracMask);
            }
        } else {
            if (biasedExp >= 1 << f.exponentBits) {
                result = signBit | 0x7FFF;
                raise(IOC);
                inexact = false;
            } else {
                result = signBit | (biasedExp << f.fractionBits) | ((int) intMant & fracMask);
            }
        }
        if (inexact) {
            raise(IXC);
        }
        return result;
    }
}
