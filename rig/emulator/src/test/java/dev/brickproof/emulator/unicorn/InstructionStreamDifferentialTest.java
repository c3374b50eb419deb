package dev.brickproof.emulator.unicorn;

import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test (a): random but valid instruction streams, one encoding class at a time, single-stepped on
 * Unicorn 2 (Cortex-M3 model) and on the Brickproof core from the same random registers, flags and RAM; all
 * registers, NZCVQ and the RAM window are compared after every instruction (outside IT blocks). The DSP
 * classes run on the Cortex-M4 model of both engines and compare the GE flags too.
 *
 * <p>Fixed seeds: a failure names the class and seed, and replays. Encodings with an open finding are not
 * generated: see {@link Exclusions} and rig/emulator/DIFF_FINDINGS.md.
 */
public class InstructionStreamDifferentialTest {
    /** Streams per class and instructions per stream: 12 x 320 ~ 3800 instructions per class. */
    private static final int STREAMS = Integer.getInteger("brickproof.diff.streams", 12);
    private static final int STREAM_LENGTH = 320;
    /** The floating-point classes get more streams: 40 x 320 ~ 12,800 instructions per class. */
    private static final int FP_STREAMS = Integer.getInteger("brickproof.diff.fpStreams", 40);

    @BeforeClass
    public void requireLibrary() {
        UnicornSupport.requireUnicorn();
    }

    @DataProvider
    public Object[][] classes() {
        String only = System.getProperty("brickproof.diff.only", ""); // e.g. "fp-": the classes whose id starts so
        return Arrays.stream(InstructionClass.values()).filter(c -> c.id().startsWith(only))
                .map(c -> new Object[] {c}).toArray(Object[][]::new);
    }

    @Test(dataProvider = "classes")
    public void coreAgreesWithUnicornAfterEveryInstruction(InstructionClass encodingClass) {
        List<String> divergences = new ArrayList<>();
        long compared = 0;
        boolean m4 = encodingClass.needsDsp();
        try (UnicornEngine oracle = new UnicornEngine(m4); BrickproofEngine subject = new BrickproofEngine(m4)) {
            StepComparator comparator = new StepComparator(oracle, subject,
                    m4 ? StepComparator.FLAG_MASK_DSP : StepComparator.FLAG_MASK, encodingClass.needsFpu());
            int streams = encodingClass.needsFpu() ? FP_STREAMS : STREAMS;
            for (int s = 0; s < streams; s++) {
                long seed = 0x5EED_0000L + encodingClass.ordinal() * 1000L + s;
                InstructionStream stream = InstructionStream.generate(encodingClass, seed, STREAM_LENGTH);
                Optional<String> divergence = comparator.run(stream);
                divergence.ifPresent(divergences::add);
            }
            compared = comparator.comparedSteps();
            System.out.printf("%s: %d instructions compared%n", encodingClass.id(), compared);
        }
        assertThat(divergences).as("first divergence per stream (%d streams diverged)\n%s",
                divergences.size(), divergences.isEmpty() ? "" : divergences.get(0)).isEmpty();
        assertThat(compared).as("instructions compared").isGreaterThan(STREAMS * STREAM_LENGTH / 3L);
    }
}
