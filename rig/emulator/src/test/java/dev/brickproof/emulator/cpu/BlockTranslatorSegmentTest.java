package dev.brickproof.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.Arrays;

import org.testng.annotations.Test;

/**
 * A long translated run is cut into segment methods of at most {@link BlockTranslator#SEGMENT} register-only
 * instructions, so HotSpot's inlining budget per compiled method is never the reason an instruction stays a real
 * call (that it runs the same as the interpreter is {@code BlockTranslationTest}'s and the differential tests'
 * job; this checks only the shape the speed depends on).
 */
public class BlockTranslatorSegmentTest {
    @Test
    public void aLongRunIsCutIntoSegmentsOfAtMostSegmentInstructions() throws Exception {
        int count = 40;
        int[] kinds = new int[count];
        int[] raws = new int[count];
        int[] auxes = new int[count];
        for (int i = 0; i < count; i++) {
            kinds[i] = i % 2 == 0 ? Op.MOV_I8 : Op.ADD_I8;
            raws[i] = (i % 2 == 0 ? 0x2000 : 0x3000) | ((i & 7) << 8) | i; // movs/adds r(i&7), #i
        }
        BlockTranslator translator = new BlockTranslator(
                MethodHandles.privateLookupIn(CortexM.class, MethodHandles.lookup()));

        TranslatedBlock block = translator.translate(0x100, kinds, raws, auxes, count);

        long segments = Arrays.stream(block.body.getClass().getDeclaredMethods()).map(Method::getName)
                .filter(name -> name.startsWith("segment")).count();
        assertThat(segments).as("segment methods for %d instructions", count)
                .isEqualTo((count + BlockTranslator.SEGMENT - 1) / BlockTranslator.SEGMENT);
        assertThat(block.instructions).isEqualTo(count);
    }
}
