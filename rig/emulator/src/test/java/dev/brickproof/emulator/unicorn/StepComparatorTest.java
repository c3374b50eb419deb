package dev.brickproof.emulator.unicorn;

import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparator can be trusted: it passes Unicorn against itself and catches a planted one-bit error. */
public class StepComparatorTest {

    @BeforeClass
    public void requireLibrary() {
        UnicornSupport.requireUnicorn();
    }

    @Test
    public void unicornAgreesWithItselfEvenAcrossItBlocks() {
        try (UnicornEngine a = new UnicornEngine(); UnicornEngine b = new UnicornEngine()) {
            StepComparator comparator = new StepComparator(a, b);
            for (InstructionClass c : new InstructionClass[] {InstructionClass.IT_BLOCK, InstructionClass.TABLE_BRANCH,
                InstructionClass.LOAD_STORE_MULTIPLE}) {
                assertThat(comparator.run(InstructionStream.generate(c, 7, 200))).isEmpty();
            }
            assertThat(comparator.comparedSteps()).isGreaterThan(200);
        }
    }

    @Test
    public void reportsAFlippedCarryFlagWithTheInstructionAndBothStates() {
        try (UnicornEngine oracle = new UnicornEngine(); UnicornEngine inner = new UnicornEngine()) {
            DiffEngine mutant = new Mutant(inner, 40, 16, 1 << 29);
            Optional<String> report = new StepComparator(oracle, mutant).run(
                    InstructionStream.generate(InstructionClass.DATA_PROCESSING_16, 3, 100));
            assertThat(report).isPresent();
            assertThat(report.get()).contains("class data-processing-16, seed 3", "state differs", "xpsr",
                    "<-- differs", "listing");
        }
    }

    @Test
    public void reportsAWrongRegisterAndRamByte() {
        try (UnicornEngine oracle = new UnicornEngine(); UnicornEngine inner = new UnicornEngine()) {
            Optional<String> register = new StepComparator(oracle, new Mutant(inner, 10, 7, 1)).run(
                    InstructionStream.generate(InstructionClass.DP_SHIFTED_REG_32, 5, 100));
            assertThat(register).hasValueSatisfying(r -> assertThat(r).contains("r7 ", "<-- differs"));
        }
    }

    /** Reports a state with {@code flip} xor-ed into word {@code index} from step {@code after} on. */
    private static final class Mutant implements DiffEngine {
        private final DiffEngine inner;
        private final int after;
        private final int index;
        private final int flip;
        private int steps;

        Mutant(DiffEngine inner, int after, int index, int flip) {
            this.inner = inner;
            this.after = after;
            this.index = index;
            this.flip = flip;
        }

        @Override
        public String name() {
            return "mutant";
        }

        @Override
        public void load(byte[] codeRegion, byte[] ram, int[] registers, int apsr) {
            steps = 0;
            inner.load(codeRegion, ram, registers, apsr);
        }

        @Override
        public void step() {
            steps++;
            inner.step();
        }

        @Override
        public void state(int[] out) {
            inner.state(out);
            if (steps >= after) {
                out[index] ^= flip;
            }
        }

        @Override
        public boolean inItBlock() {
            return inner.inItBlock();
        }

        @Override
        public void ram(byte[] into) {
            inner.ram(into);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
