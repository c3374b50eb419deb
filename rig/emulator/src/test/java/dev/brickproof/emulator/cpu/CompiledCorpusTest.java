package dev.brickproof.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * gcc 12 builds of corpus.c at -O0..-O3 and -Os for Cortex-M3 and Cortex-M4 run on the core; every result
 * word must match the Java twin in {@link CorpusReference}.
 */
public class CompiledCorpusTest {
    private static final int DONE = 0x2000_0100;

    @DataProvider
    public Object[][] images() {
        String[] opts = {"O0", "O1", "O2", "O3", "Os"};
        Object[][] rows = new Object[opts.length * 2][];
        int i = 0;
        for (String cpu : new String[] {"m3", "m4"}) {
            for (String opt : opts) {
                rows[i++] = new Object[] {cpu, opt};
            }
        }
        return rows;
    }

    @Test(dataProvider = "images")
    public void gccBuiltCorpusComputesWhatJavaComputes(String cpu, String opt) {
        boolean m4 = cpu.equals("m4");
        MemoryBus bus = MemoryBus.withImage("/cpu/corpus-" + cpu + "-" + opt + ".bin");
        CortexM core = new CortexM(bus, m4);
        StringBuilder faults = new StringBuilder();
        core.setFaultListener((kind, pc, detail) -> faults.append(kind).append(' ').append(detail).append('\n'));
        core.reset();
        long budget = 200_000_000L;
        while (budget > 0 && bus.ramWord(DONE) == 0 && core.state() == CoreState.RUNNING) {
            budget -= core.run(100_000);
        }
        assertThat(faults.toString()).as("faults").isEmpty();
        assertThat(core.state()).as("state, reason %s", core.haltReason()).isEqualTo(CoreState.RUNNING);
        int[] expected = CorpusReference.expected(m4);
        assertThat(bus.ramWord(DONE)).as("done marker").isEqualTo(0xD0E0_0000 | expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(bus.ramWord(MemoryBus.RAM + 4 * i)).as("result %d of %s -%s", i, cpu, opt)
                    .isEqualTo(expected[i]);
        }
    }
}
