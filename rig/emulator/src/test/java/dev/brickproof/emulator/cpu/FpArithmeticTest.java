package dev.brickproof.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.Test;

/**
 * Single cases of the ARMv7-M ARM's floating-point pseudocode that matter for firmware, checked without Unicorn
 * (the instruction-by-instruction comparison with Unicorn is InstructionStreamDifferentialTest's fp-* classes).
 */
public class FpArithmeticTest {
    private static final int ONE = 0x3F80_0000;
    private static final int HALF_ULP_OF_ONE = 0x3380_0000; // 2^-24

    private static FpArithmetic with(int fpscr) {
        FpArithmetic fp = new FpArithmetic();
        fp.fpscr = fpscr;
        return fp;
    }

    @Test
    public void aTieRoundsToEvenByDefaultAndFollowsTheOtherModes() {
        FpArithmetic nearest = with(0);
        assertThat(nearest.add(ONE, HALF_ULP_OF_ONE)).isEqualTo(ONE);
        assertThat(nearest.fpscr & FpArithmetic.IXC).isNotZero();
        assertThat(with(FpArithmetic.RP << 22).add(ONE, HALF_ULP_OF_ONE)).isEqualTo(ONE + 1);
        assertThat(with(FpArithmetic.RM << 22).sub(0, HALF_ULP_OF_ONE)).isEqualTo(0x8000_0000 | HALF_ULP_OF_ONE);
        assertThat(with(FpArithmetic.RM << 22).sub(ONE, ONE)).as("exact zero is -0 rounding down").isEqualTo(0x8000_0000);
        assertThat(with(FpArithmetic.RZ << 22).add(0x7F7F_FFFF, 0x7F7F_FFFF)).as("overflow towards zero: max normal")
                .isEqualTo(0x7F7F_FFFF);
    }

    @Test
    public void flushToZeroFlushesInputsWithIdcAndTinyResultsWithUfc() {
        FpArithmetic fz = with(FpArithmetic.FZ);
        assertThat(fz.add(1, 0)).isZero();
        assertThat(fz.fpscr & FpArithmetic.IDC).isNotZero();
        FpArithmetic tiny = with(FpArithmetic.FZ);
        assertThat(tiny.mul(0x0080_0000, 0x3F00_0000)).as("2^-126 * 0.5 flushed").isZero();
        assertThat(tiny.fpscr & (FpArithmetic.UFC | FpArithmetic.IXC)).isEqualTo(FpArithmetic.UFC);
        FpArithmetic ieee = with(0);
        assertThat(ieee.mul(0x0080_0000, 0x3F00_0000)).as("exact denormal without FZ").isEqualTo(0x0040_0000);
        assertThat(ieee.fpscr & FpArithmetic.UFC).as("exact: no underflow").isZero();
    }

    @Test
    public void nansPropagateQuietedOrAsTheDefaultNan() {
        FpArithmetic fp = with(0);
        assertThat(fp.add(0x7F80_0001, 0x7FC0_1234)).as("signalling NaN first, quieted").isEqualTo(0x7FC0_0001);
        assertThat(fp.fpscr & FpArithmetic.IOC).isNotZero();
        assertThat(with(FpArithmetic.DN).add(0x7FC0_1234, ONE)).isEqualTo(FpArithmetic.DEFAULT_NAN);
        FpArithmetic fma = with(0);
        assertThat(fma.mulAdd(0x7FC0_0042, 0x7F80_0000, 0)).as("QNaN addend with inf * 0: default NaN")
                .isEqualTo(FpArithmetic.DEFAULT_NAN);
        assertThat(fma.fpscr & FpArithmetic.IOC).isNotZero();
    }

    @Test
    public void fusedMultiplyAddRoundsOnce() {
        int a = Float.floatToIntBits(1.0000001f);
        int b = Float.floatToIntBits(0.9999999f);
        int c = Float.floatToIntBits(-1.0f);
        assertThat(with(0).mulAdd(c, a, b)).isEqualTo(Float.floatToIntBits(Math.fma(1.0000001f, 0.9999999f, -1.0f)));
    }

    @Test
    public void conversionsSaturateWithIocAndRoundAsAsked() {
        FpArithmetic fp = with(0);
        assertThat(fp.toFixed(Float.floatToIntBits(3e9f), 32, 0, false, true)).isEqualTo(Integer.MAX_VALUE);
        assertThat(fp.fpscr & (FpArithmetic.IOC | FpArithmetic.IXC)).isEqualTo(FpArithmetic.IOC);
        assertThat(with(0).toFixed(Float.floatToIntBits(-2.5f), 32, 0, false, false)).as("VCVTR: ties to even")
                .isEqualTo(-2);
        assertThat(with(0).toFixed(Float.floatToIntBits(-2.5f), 32, 0, false, true)).as("VCVT: towards zero")
                .isEqualTo(-2);
        assertThat(with(0).toFixed(Float.floatToIntBits(-0.75f), 32, 0, true, false)).as("unsigned saturates at 0")
                .isZero();
        assertThat(with(0).toFixed(Float.floatToIntBits(1.5f), 16, 4, true, true)).as("fixed 12.4").isEqualTo(24);
        assertThat(with(0).fromFixed(0x0100_0001, 32, 0, false)).as("2^24 + 1 rounds to even")
                .isEqualTo(Float.floatToIntBits(16777216f));
        assertThat(with(0).fromFixed(0xFFFF_8000, 16, 15, false)).as("Q15 -1.0").isEqualTo(0xBF80_0000);
    }

    @Test
    public void halfPrecisionUsesIeeeOrTheAlternativeFormat() {
        assertThat(with(0).singleToHalf(Float.floatToIntBits(65536f))).as("IEEE half overflows to infinity")
                .isEqualTo(0x7C00);
        FpArithmetic ahp = with(FpArithmetic.AHP);
        assertThat(ahp.singleToHalf(Float.floatToIntBits(65536f))).as("alternative half: 65536 representable")
                .isEqualTo(0x7C00);
        assertThat(ahp.halfToSingle(0x7C00)).isEqualTo(Float.floatToIntBits(65536f));
        assertThat(ahp.singleToHalf(0x7F80_0000)).as("infinity: max with IOC").isEqualTo(0x7FFF);
        assertThat(ahp.fpscr & FpArithmetic.IOC).isNotZero();
    }

    @Test
    public void floatingPointInstructionsAreNeverPartOfATranslatedRun() {
        int vadd = 0xEE30_0A81;
        int kind = ThumbDecoder.decode32(vadd);
        assertThat(BlockTranslator.accepts(kind, vadd, ThumbDecoder.aux(kind, vadd))).isFalse();
        int vldr = 0xED9F_0A01;
        int loadKind = ThumbDecoder.decode32(vldr);
        assertThat(BlockTranslator.accepts(loadKind, vldr, ThumbDecoder.aux(loadKind, vldr))).isFalse();
    }
}
