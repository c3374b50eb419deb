package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.BoardStatus;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import java.time.Duration;
import org.testng.annotations.Test;

/** The board around the core (chunking, time keeping, peripheral syncs) keeps the cycle model exactly. */
public class BoardCycleAccountingTest {

    /** Vector table + "loop: adds r0, #1; ldr r1, [r2]; b loop" (r2 = 0x20000000 after a mov). */
    private static byte[] spinImage(boolean withLoads) {
        byte[] b = new byte[0x200];
        put32(b, 0, 0x2000_1000);
        put32(b, 4, 0x0800_0101);
        int o = 0x100;
        put16(b, o, 0x2220);            // movs r2, #0x20
        put16(b, o + 2, 0x0612);        // lsls r2, r2, #24 -> 0x20000000
        put16(b, o + 4, 0x3001);        // adds r0, #1
        if (withLoads) {
            put16(b, o + 6, 0x6811);    // ldr r1, [r2]
            put16(b, o + 8, 0xE7FC);    // b (o+4)
        } else {
            put16(b, o + 6, 0xE7FD);    // b (o+4)
        }
        return b;
    }

    private static void put16(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
    }

    private static void put32(byte[] b, int o, int v) {
        put16(b, o, v);
        put16(b, o + 2, v >>> 16);
    }

    /** Instructions the board retires in {@code virtual} of its time; prints the host rate for information. */
    private static long instructionsIn(boolean loads, Duration virtual) {
        EmulatedBoard board = EmulatedBoard.create(BoardOptions.of(Chip.STM32F103C8));
        board.programFlash(0x0800_0000, spinImage(loads));
        board.setPower(true);
        board.runFor(Duration.ofMillis(100));           // reset, the two set-up instructions, JIT warm-up
        long i0 = board.instructions();
        long t0 = System.nanoTime();
        board.runFor(virtual);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(board.status()).isEqualTo(BoardStatus.RUNNING);
        long n = board.instructions() - i0;
        System.out.printf("board loop %s: %d instructions in %s virtual, %.0f MIPS on this host (information only;"
                + " speed is measured by the -Pbench benchmark)%n", loads ? "adds/ldr/b" : "adds/b", n, virtual,
                n / seconds / 1e6);
        return n;
    }

    /**
     * Chunking and time keeping around the core lose no cycles: at the 8 MHz reset clock, one virtual second is
     * 8 M cycles; "adds; b" costs 1 + 3 cycles per 2 instructions and "adds; ldr; b" 1 + 2 + 3 per 3
     * (CYCLES.md), so both loops retire 4 M instructions a virtual second, give or take the loop in flight.
     */
    @Test
    public void tightLoopsRetireExactlyWhatTheCycleModelAllows() {
        Duration second = Duration.ofSeconds(1);
        assertThat(instructionsIn(false, second)).isBetween(4_000_000L - 2, 4_000_000L + 2);
        assertThat(instructionsIn(true, second)).isBetween(4_000_000L - 3, 4_000_000L + 3);
    }
}
