package dev.brickproof.emulator.unicorn;

import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The oracle itself: register numbering, flags, MMIO hooks and cache removal behave as the tests assume. */
public class UnicornArmTest {
    private static final int CODE = 0x0000_0000;
    private static final int RAM = 0x2000_0000;

    @BeforeClass
    public void requireLibrary() {
        UnicornSupport.requireUnicorn();
    }

    private static byte[] halfwords(int... hw) {
        byte[] out = new byte[hw.length * 2];
        for (int i = 0; i < hw.length; i++) {
            out[2 * i] = (byte) hw[i];
            out[2 * i + 1] = (byte) (hw[i] >>> 8);
        }
        return out;
    }

    @Test
    public void singleStepsAddAndSetsFlagsInXpsr() {
        try (UnicornArm uc = UnicornArm.openCortexM3()) {
            uc.map(CODE, 0x1000, false);
            // movs r0, #5 ; subs r0, #5 ; mov r1, r0
            uc.write(CODE, halfwords(0x2005, 0x3805, 0x4601));
            for (int n = 0; n <= 15; n++) {
                if (n != 15) {
                    uc.setReg(n, 0x1000 * (n + 1));
                }
            }
            assertThat(uc.reg(12)).isEqualTo(0xD000);
            assertThat(uc.reg(14)).isEqualTo(0xF000);
            uc.setReg(15, CODE);
            uc.step();
            assertThat(uc.reg(0)).isEqualTo(5);
            assertThat(uc.reg(15)).isEqualTo(CODE + 2);
            uc.step();
            assertThat(uc.reg(0)).isZero();
            int xpsr = uc.xpsr();
            assertThat(xpsr >>> 28).as("NZCV after 5-5").isEqualTo(0b0110);
            assertThat(xpsr & (1 << 24)).as("T bit").isNotZero();
            int[] all = new int[17];
            uc.readAll(all);
            assertThat(all[15]).isEqualTo(CODE + 4);
            assertThat(all[1]).isEqualTo(0x2000);
            assertThat(all[16]).isEqualTo(xpsr);
        }
    }

    @Test
    public void writesApsrFlagsWithoutTouchingTheThumbBit() {
        try (UnicornArm uc = UnicornArm.openCortexM3()) {
            uc.map(CODE, 0x1000, false);
            uc.setApsr(0xF800_0000);
            assertThat(uc.xpsr() & 0xF800_0000).isEqualTo(0xF800_0000);
            uc.setApsr(0);
            assertThat(uc.xpsr() & 0xF800_0000).isZero();
        }
    }

    @Test
    public void clearsTheExceptionMasksAStreamLeftBehind() {
        try (UnicornArm uc = UnicornArm.openCortexM3()) {
            uc.map(CODE, 0x1000, false);
            // cpsid i ; cpsid f ; movs r0, #0x40 ; msr basepri, r0
            uc.write(CODE, halfwords(0xB672, 0xB671, 0x2040, 0xF380, 0x8811));
            uc.run(CODE, 4);
            assertThat(uc.exceptionMasks()).containsExactly(1, 0x40, 1);
            uc.clearExceptionMasks();
            assertThat(uc.exceptionMasks()).containsExactly(0, 0, 0);
        }
    }

    @Test
    public void servesMmioFromJavaAndReportsWrites() {
        try (UnicornArm uc = UnicornArm.openCortexM3()) {
            uc.map(CODE, 0x1000, false);
            uc.map(RAM, 0x1000, true);
            List<String> seen = new ArrayList<>();
            uc.mapMmio(0x4000_0000L, 0x1000, new UnicornArm.MmioDevice() {
                @Override
                public int read(int offset, int size) {
                    return 0x1234_0000 | offset;
                }

                @Override
                public void write(int offset, int size, int value) {
                    seen.add(Integer.toHexString(offset) + "=" + Integer.toHexString(value) + "/" + size);
                }
            });
            // ldr r1, [r0, #4] ; strb r1, [r0, #8] ; str r1, [r2]
            uc.write(CODE, halfwords(0x6841, 0x7201, 0x6011));
            uc.setReg(0, 0x4000_0000);
            uc.setReg(2, RAM + 0x10);
            uc.run(CODE, 3);
            assertThat(uc.reg(1)).isEqualTo(0x1234_0004);
            assertThat(seen).containsExactly("8=4/1");
            assertThat(uc.read(RAM + 0x10, 4)).containsExactly(4, 0, 0x34, 0x12);
        }
    }

    @Test
    public void runsNewCodeAfterTheCacheIsRemoved() {
        try (UnicornArm uc = UnicornArm.openCortexM3()) {
            uc.map(CODE, 0x1000, true);
            uc.write(CODE, halfwords(0x2001, 0x2102)); // movs r0,#1 ; movs r1,#2
            uc.run(CODE, 2);
            assertThat(uc.reg(0)).isEqualTo(1);
            uc.write(CODE, halfwords(0x2007, 0x2108)); // movs r0,#7 ; movs r1,#8
            uc.removeCache(CODE, CODE + 4);
            uc.run(CODE, 2);
            assertThat(uc.reg(0)).isEqualTo(7);
            assertThat(uc.reg(1)).isEqualTo(8);
        }
    }
}
