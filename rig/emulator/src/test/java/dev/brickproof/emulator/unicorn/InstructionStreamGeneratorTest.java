package dev.brickproof.emulator.unicorn;

import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator itself, checked against the oracle alone: every stream of every class runs to its end on
 * Unicorn without an exception, an undefined instruction or a stray access. Set
 * {@code -Dbrickproof.unicorn.dump=/some/dir} to write each stream as .bin + .txt for objdump.
 */
public class InstructionStreamGeneratorTest {

    @BeforeClass
    public void requireLibrary() {
        UnicornSupport.requireUnicorn();
    }

    @DataProvider
    public Object[][] classes() {
        return Arrays.stream(InstructionClass.values()).map(c -> new Object[] {c}).toArray(Object[][]::new);
    }

    @Test(dataProvider = "classes")
    public void everyGeneratedStreamRunsToItsEndOnUnicorn(InstructionClass encodingClass) throws IOException {
        try (UnicornEngine engine = new UnicornEngine(encodingClass.needsDsp())) {
            for (int s = 0; s < 2; s++) {
                InstructionStream stream = InstructionStream.generate(encodingClass, 1000 + s, 300);
                dump(stream);
                engine.load(stream.image(), stream.ram(), stream.registers(), stream.apsr());
                int[] state = new int[17];
                engine.state(state);
                long steps = 0;
                while (state[15] != stream.end()) {
                    int pc = state[15];
                    try {
                        engine.step();
                    } catch (UnicornException e) {
                        throw new AssertionError(e.getMessage() + "\n" + String.join("\n", stream.listingUpTo(pc, 8)), e);
                    }
                    engine.state(state);
                    assertThat(Integer.compareUnsigned(state[15], pc)).as("forward progress at %08x: %s", pc,
                            stream.at(pc)).isPositive();
                    assertThat(steps++).isLessThan(stream.instructionCount());
                }
                assertThat(state[13]).as("SP back where it started").isEqualTo(Gen.INITIAL_SP);
            }
        }
    }

    private static void dump(InstructionStream stream) throws IOException {
        String dir = System.getProperty("brickproof.unicorn.dump");
        if (dir == null) {
            return;
        }
        Path base = Path.of(dir, stream.encodingClass().id() + "-" + stream.seed());
        Files.createDirectories(base.getParent());
        Files.write(Path.of(base + ".bin"), Arrays.copyOfRange(stream.image(), InstructionStream.CODE_BASE,
                stream.end()));
        Files.writeString(Path.of(base + ".txt"), stream.listing());
    }
}
