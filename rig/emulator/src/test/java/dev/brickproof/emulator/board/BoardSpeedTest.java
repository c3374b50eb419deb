package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.emulator.BoardStatus;
import dev.brickproof.emulator.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import java.time.Duration;
import org.testng.annotations.Test;

/** Host speed of the board around the core (chunking, time keeping, peripheral syncs). Prints MIPS. */
public class BoardSpeedTest {

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
            put16(b, o + 8, 0xE7FB);    // b (o+4)
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

    private static double mips(boolean loads) {
        EmulatedBoard board = EmulatedBoard.create(BoardOptions.of(Chip.STM32F103C8));
        board.programFlash(0x0800_0000, spinImage(loads));
        board.setPower(true);
        board.runFor(Duration.ofSeconds(2));            // warm-up (JIT)
        long i0 = board.instructions();
        long t0 = System.nanoTime();
        board.runFor(Duration.ofSeconds(10));           // 80 M cycles at the 8 MHz reset clock
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(board.status()).isEqualTo(BoardStatus.RUNNING);
        return (board.instructions() - i0) / seconds / 1e6;
    }

    @Test
    public void theBoardRunsTightLoopsAtTensOfMips() {
        double alu = mips(false);
        double loads = mips(true);
        System.out.printf("board speed: %.0f MIPS (adds/b), %.0f MIPS (adds/ldr/b)%n", alu, loads);
        assertThat(alu).isGreaterThan(20);
        assertThat(loads).isGreaterThan(20);
    }
}
