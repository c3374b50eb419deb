package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.BoardStatus;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import java.time.Duration;
import org.testng.annotations.Test;

/** Brick symptoms are states and report events, never Java exceptions. */
public class FaultReportTest {

    @Test(dataProvider = "chips", dataProviderClass = SocFirmwareTest.class)
    public void aJunkResetVectorLocksTheCoreUpWithoutThrowing(Chip chip) {
        EmulatedBoard board = EmulatedBoard.create(BoardOptions.of(chip));
        byte[] junk = new byte[64];
        java.util.Arrays.fill(junk, (byte) 0xFF);
        junk[0] = 0x00;
        junk[1] = 0x10;
        junk[3] = 0x20;                                          // SP 0x2000_1000, reset vector 0xFFFF_FFFF
        board.programFlash(0x0800_0000, junk);
        board.setPower(true);
        assertThat(board.runFor(Duration.ofMillis(10))).isEqualTo(BoardStatus.LOCKED_UP);
        assertThat(board.report().events()).anyMatch(e -> e.kind().equals("lockup") && e.detail().contains("PC="));
        assertThat(board.report().events()).anyMatch(e -> e.kind().equals("hardfault") || e.kind().equals("memmanage"));
        board.runFor(Duration.ofSeconds(1));                    // time still passes, nothing throws
        assertThat(board.now()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    public void nrstHeldDuringAnEraseTearsIt() {
        TestBoard t = new TestBoard(Chip.STM32F103C8).powerOn();
        t.banner();
        t.send("g");
        t.await("g done\r\n");
        t.send("g");
        t.board.runFor(Duration.ofMillis(10));
        t.board.setResetAsserted(true);
        assertThat(t.board.report().events()).anyMatch(e -> e.kind().equals("flash-interrupted"));
        t.board.setResetAsserted(false);
        t.banner();
    }
}
