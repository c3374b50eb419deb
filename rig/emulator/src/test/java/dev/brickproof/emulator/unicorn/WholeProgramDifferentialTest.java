package dev.brickproof.emulator.unicorn;

import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Differential test (b): gcc-built programs (firmware/unicorn/programs.c at -O0, -O2, -Os: CRC-32, MD5, qsort
 * and insertion sort, 64-bit division, soft-float, newlib-nano printf; plus -O2 for the Cortex-M4, whose newlib
 * uses UADD8/SEL, run on the M4 models with GE compared) on the Brickproof core and on Unicorn with the same
 * tiny memory map. Registers and flags are compared every {@value #SYNC_EVERY}
 * instructions and after every MMIO write; the UART output, the exit code and all of RAM at the end.
 */
public class WholeProgramDifferentialTest {
    private static final int SYNC_EVERY = 1000;
    private static final long MAX_INSTRUCTIONS = 20_000_000;

    @BeforeClass
    public void requireLibrary() {
        UnicornSupport.requireUnicorn();
    }

    @DataProvider
    public Object[][] programs() {
        return new Object[][] {{"programs-O0"}, {"programs-O2"}, {"programs-Os"}, {"programs-m4-O2"}};
    }

    @Test(dataProvider = "programs")
    public void programRunsIdenticallyOnTheCoreAndOnUnicorn(String name) {
        ProgramImage image = ProgramImage.load(name);
        boolean m4 = name.contains("-m4-");
        try (ProgramLockstep run = new ProgramLockstep(image, m4)) {
            assertThat(run.diff()).as("state right after reset").isEmpty();
            long syncs = 0;
            while (!run.exited()) {
                long lastGood = run.executed();
                String problem = run.slice(SYNC_EVERY);
                String diff = problem != null ? problem + "\n" : run.diff();
                if (!diff.isEmpty()) {
                    fail("%s diverged between instruction %d and %d (sync points every %d instructions and at MMIO "
                            + "writes)%n%s%s%nUART so far: %s", name, lastGood, run.executed(), SYNC_EVERY, diff,
                            ProgramLockstep.locate(image, m4, lastGood, SYNC_EVERY), run.coreDevice.uartText());
                }
                syncs++;
                if (run.executed() > MAX_INSTRUCTIONS) {
                    fail("%s: no exit after %d instructions", name, run.executed());
                }
            }
            assertThat(run.oracleDevice.exitCode()).as("exit code").isEqualTo(run.coreDevice.exitCode());
            assertThat(run.coreDevice.uartText()).as("UART output").isEqualTo(run.oracleDevice.uartText())
                    .contains("md5 9e107d9d372bb6826bd81d3542a419d6");
            byte[] oracleRam = run.uc.read(ProgramImage.RAM_BASE, ProgramImage.RAM_SIZE);
            assertThat(Arrays.mismatch(oracleRam, run.bus.ram())).as("first differing RAM offset").isEqualTo(-1);
            assertThat(syncs).isGreaterThan(run.executed() / SYNC_EVERY);
        }
    }
}
