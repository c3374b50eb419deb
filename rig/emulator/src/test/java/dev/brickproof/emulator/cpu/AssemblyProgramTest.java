package dev.brickproof.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.Test;

/** Hand-written assembly programs (src/test/firmware/cpu/asm-*.S) for behaviour gcc output rarely shows. */
public class AssemblyProgramTest {

    @Test
    public void itBlocksExecuteThenAndElseArmsAndKeepFlagsOfSixteenBitInstructions() {
        TestImage t = TestImage.started("asm-it").runToEnd();
        assertThat(t.done()).as("state %s %s faults %s", t.core.state(), t.core.haltReason(), t.faults).isTrue();
        assertThat(t.result(0)).isEqualTo(1);
        assertThat(t.result(1)).isEqualTo(15);
        assertThat(t.result(2)).isEqualTo(4);
        assertThat(t.result(3)).isEqualTo(0xAA);
        assertThat(t.result(4)).isEqualTo(101);
        assertThat(t.result(5)).isEqualTo(9);
        assertThat(t.result(6)).isEqualTo(0x22);
        assertThat(t.result(7)).isEqualTo(0x67);
        assertThat(t.result(8)).isEqualTo(0xDEADBEEF);
        assertThat(t.result(9)).isEqualTo(14);
        assertThat(t.faults).isEmpty();
    }

    @Test
    public void inItBlockIsTrueOnlyBetweenItAndTheEndOfItsBlock() {
        TestImage t = TestImage.started("asm-it");
        int inside = 0;
        int maxRun = 0;
        int run = 0;
        for (int i = 0; i < 200 && !t.done(); i++) {
            t.core.step();
            if (t.core.inItBlock()) {
                inside++;
                run++;
                maxRun = Math.max(maxRun, run);
            } else {
                run = 0;
            }
        }
        assertThat(t.done()).isTrue();
        assertThat(inside).isGreaterThan(10);
        assertThat(maxRun).isLessThanOrEqualTo(4);
    }

    @Test
    public void exclusiveStoresSucceedOnlyWithAReservation() {
        TestImage t = TestImage.started("asm-exclusive").runToEnd();
        assertThat(t.done()).as("faults %s", t.faults).isTrue();
        assertThat(t.result(0)).isZero();
        assertThat(t.result(1)).isEqualTo(0x11111112);
        assertThat(t.result(2)).isEqualTo(1);
        assertThat(t.result(3)).isEqualTo(1);
        assertThat(t.result(4)).isZero();
        assertThat(t.result(5)).isEqualTo(0x11311122);
        assertThat(t.result(6)).as("exception return clears the monitor").isEqualTo(1);
    }

    @Test
    public void specialRegistersReadAndWriteLikeSilicon() {
        TestImage t = TestImage.started("asm-msr").runToEnd();
        assertThat(t.done()).as("faults %s", t.faults).isTrue();
        assertThat(t.result(0)).isEqualTo(0xF8000000);
        assertThat(t.result(1)).isZero();
        assertThat(t.result(2)).isEqualTo(0x101);
        assertThat(t.result(3)).isEqualTo(0x304080);
        assertThat(t.result(4)).isEqualTo(0x20007FFC);
        assertThat(t.result(5)).isEqualTo(0x20007FFC);
        assertThat(t.result(6)).isZero();
        assertThat(t.result(7)).isEqualTo(3);
        assertThat(t.result(8)).isZero();
        assertThat(t.result(9)).isEqualTo(2);
        assertThat(t.result(10)).isZero();
        assertThat(t.result(11)).isEqualTo(0xFFFFFFFD);
    }
}
