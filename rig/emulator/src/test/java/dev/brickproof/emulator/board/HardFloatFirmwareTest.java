package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.BoardStatus;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.testng.annotations.Test;

/**
 * The hard-float L431 reference image (src/test/firmware/fpu/hardfloat.c, built -mfloat-abi=hard
 * -mfpu=fpv4-sp-d16 with SystemInit enabling CP10/CP11, as CubeIDE builds L4 projects) runs on the emulated
 * board and prints what Java's IEEE single-precision arithmetic computes, while a SysTick handler doing float
 * arithmetic interrupts the main loop (lazy stacking of the FP context).
 */
public class HardFloatFirmwareTest {

    @Test
    public void hardFloatFirmwarePrintsTheResultsJavasSinglePrecisionArithmeticComputes() throws IOException {
        EmulatedBoard board = EmulatedBoard.create(BoardOptions.of(Chip.STM32L431RC));
        board.programFlash(0x0800_0000, image());
        StringBuilder console = new StringBuilder();
        board.usart1().onTransmit(b -> console.append((char) b));
        board.setPower(true);
        boolean printed = board.runUntil(() -> console.indexOf("\r\n") >= 0, Duration.ofSeconds(2));
        assertThat(printed).as("console [%s], status %s, events %s", console, board.status(), board.report().events())
                .isTrue();
        Map<String, Long> fields = parse(console.toString().trim());

        float pi = 0.0f;
        for (int i = 0; i < 2000; i++) {
            float term = ((i & 1) != 0 ? -4.0f : 4.0f) / (float) (2 * i + 1);
            pi = pi + term;
        }
        assertThat(fields.get("pi")).as("Leibniz series").isEqualTo(bits(pi));
        assertThat(fields.get("sqrt2")).as("VSQRT").isEqualTo(bits((float) Math.sqrt(2.0)));
        assertThat(fields.get("fma")).as("VFMA is fused")
                .isEqualTo(bits(Math.fma(1.0000001f, 0.9999999f, -1.0f)))
                .isNotEqualTo(bits(1.0000001f * 0.9999999f - 1.0f));
        assertThat(fields.get("tiny")).as("denormal quotient").isEqualTo(bits(1e-38f / 1000.0f));
        assertThat(fields.get("trunc")).as("VCVT rounds towards zero").isEqualTo(-7L & 0xFFFF_FFFFL);
        long ticks = fields.get("ticks");
        assertThat(ticks).as("SysTick interrupts during the float loop").isGreaterThan(5);
        assertThat(fields.get("ticksum")).as("the handler's own float context").isEqualTo(bits(ticks * 0.5f));
        assertThat(board.status()).isIn(BoardStatus.RUNNING, BoardStatus.SLEEPING);
        assertThat(board.report().events()).noneMatch(e -> e.kind().contains("fault") || e.kind().equals("halted")
                || e.kind().equals("lockup"));
    }

    private static long bits(float f) {
        return Float.floatToRawIntBits(f) & 0xFFFF_FFFFL;
    }

    private static Map<String, Long> parse(String line) {
        assertThat(line).startsWith("hardfloat ");
        Map<String, Long> fields = new HashMap<>();
        for (String part : line.substring("hardfloat ".length()).split(" ")) {
            String[] kv = part.split("=");
            fields.put(kv[0], Long.parseLong(kv[1], 16));
        }
        return fields;
    }

    private static byte[] image() throws IOException {
        try (InputStream in = HardFloatFirmwareTest.class.getResourceAsStream("/fpu/hardfloat-l431.bin")) {
            if (in == null) {
                throw new IllegalStateException("missing /fpu/hardfloat-l431.bin (make -C src/test/firmware/fpu)");
            }
            return in.readAllBytes();
        }
    }
}
