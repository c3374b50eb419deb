package dev.brickproof.emulator.unicorn;

import dev.brickproof.emulator.cpu.CortexM;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark compares like with like: each workload runs to the same state on both engines after a million
 * instructions, with Unicorn in the benchmark's own {@code count = 100000} slices. This also shows that
 * Unicorn's count is exact on these loops (no IT blocks; DIFF_FINDINGS.md U-2).
 *
 * <p>Each workload runs twice on the core: stepped one instruction at a time (the interpreter alone), and in
 * {@code run()} slices as the benchmark and the boards run it, where hot straight runs are compiled into JVM
 * methods; the translated case also checks that runs were in fact compiled. The straight-line loop reaches a
 * fixed point within a few passes (the same register values at the end of every pass), so one comparison at
 * the end would not see a translated run that loses an instruction: the translated case goes on comparing the
 * engines at {@value #CHECKPOINTS} points a random few hundred instructions apart, most of them mid-pass.
 */
public class BenchmarkWorkloadDifferentialTest {
    private static final int SLICE = 100_000;
    private static final int SLICES = 10;
    private static final int CHECKPOINTS = 300;

    @BeforeClass
    public void requireLibrary() {
        UnicornSupport.requireUnicorn();
    }

    @DataProvider
    public Object[][] workloads() {
        return new Object[][] {{"straight-line", false}, {"straight-line", true}, {"crc-loop", false},
            {"crc-loop", true}, {"uart-poll", false}, {"uart-poll", true}};
    }

    @Test(dataProvider = "workloads")
    public void workloadReachesTheSameStateOnBothEnginesAfterAMillionInstructions(String workload, boolean translated) {
        RamBus bus;
        UnicornArm uc;
        if (workload.equals("straight-line")) {
            byte[] code = StraightLineCode.image();
            uc = UnicornArm.openCortexM3();
            uc.map(0, StraightLineCode.CODE_SIZE, false);
            uc.write(0, code);
            uc.setReg(13, ProgramImage.RAM_BASE + 0x1000);
            uc.setReg(14, 0xFFFF_FFFF);
            uc.setApsr(0);
            bus = new RamBus(StraightLineCode.CODE_SIZE, ProgramImage.RAM_BASE, ProgramImage.RAM_SIZE);
            bus.loadCode(code);
            uc.setReg(15, StraightLineCode.ENTRY);
        } else {
            ProgramImage image = ProgramImage.load("bench-" + workload);
            uc = image.openUnicorn(new HostDevice());
            bus = image.bus(new HostDevice());
        }
        try (uc) {
            CortexM cpu = new CortexM(bus, false);
            cpu.reset();
            int pc = uc.reg(15);
            assertThat(cpu.reg(15)).isEqualTo(pc);
            for (int s = 0; s < SLICES; s++) {
                uc.run(pc, SLICE);
                pc = uc.reg(15);
            }
            long total = (long) SLICE * SLICES;
            cpu.setBlockTranslation(translated);
            advanceTo(cpu, total, translated);
            assertSameState(cpu, uc, workload + " after " + total + " instructions");
            if (!translated) {
                return;
            }
            if (!workload.equals("uart-poll")) { // its loop is a load and a branch: nothing to compile
                assertThat(cpu.translatedRuns()).as("runs compiled on %s", workload).isPositive();
            }
            Random gaps = new Random(workload.hashCode());
            for (int i = 0; i < CHECKPOINTS; i++) {
                int gap = 1 + gaps.nextInt(600);
                uc.run(pc, gap);
                pc = uc.reg(15);
                total += gap;
                advanceTo(cpu, total, true);
                assertSameState(cpu, uc, workload + " after " + total + " instructions (checkpoint " + i + ")");
            }
        }
    }

    /** Runs the core to exactly {@code total} instructions: in run() slices (translated runs), then stepping. */
    private static void advanceTo(CortexM cpu, long total, boolean inSlices) {
        if (inSlices) {
            // every instruction takes at least one cycle: a budget of the instructions left cannot overshoot
            while (total - cpu.instructions() > 200) {
                cpu.run(total - cpu.instructions() - 200);
            }
        }
        while (cpu.instructions() < total) {
            cpu.step();
        }
    }

    private static void assertSameState(CortexM cpu, UnicornArm uc, String where) {
        int[] o = new int[17];
        uc.readAll(o);
        for (int r = 0; r < 16; r++) {
            assertThat(cpu.reg(r)).as("%s: %s", where, Thumb.r(r)).isEqualTo(o[r]);
        }
        assertThat(cpu.xpsr() & StepComparator.FLAG_MASK).as("%s: flags", where)
                .isEqualTo(o[16] & StepComparator.FLAG_MASK);
    }
}
