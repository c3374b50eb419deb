package dev.brickproof.emulator.soc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.Chip;
import dev.brickproof.api.FlashOperation;
import dev.brickproof.emulator.cpu.BusFault;
import org.testng.annotations.Test;

/** Main flash past the chip's end: reads fault naming the end, erases are refused with an error flag. */
public class FlashPastEndTest {

    private static Stm32Board board(Chip chip) {
        Stm32Board b = new Stm32Board(BoardOptions.of(chip));
        b.setPower(true);
        return b;
    }

    @Test
    public void readsPastTheEndFaultWithAMessageNamingTheMainFlashEnd() {
        Stm32Board f1 = board(Chip.STM32F103C8);
        assertThatThrownBy(() -> f1.bus().read32(0x0801_0000)).isInstanceOf(BusFault.class)
                .hasMessageContaining("past the end of main flash").hasMessageContaining("0x08010000")
                .hasMessageContaining("64 KiB");
        assertThatThrownBy(() -> f1.bus().read16(0x0001_0000)).isInstanceOf(BusFault.class)
                .hasMessageContaining("past the end of main flash");             // the boot alias, same end
        assertThatThrownBy(() -> f1.bus().write16(0x0801_0000, 0)).isInstanceOf(BusFault.class)
                .hasMessageContaining("past the end of main flash");
        Stm32Board l4 = board(Chip.STM32L431RC);
        assertThatThrownBy(() -> l4.bus().read8(0x0804_0000)).isInstanceOf(BusFault.class)
                .hasMessageContaining("0x08040000").hasMessageContaining("256 KiB");
        assertThat(l4.bus().read32(0x0803_FFFC)).isEqualTo(-1);                   // the last word is fine
    }

    @Test
    public void f1PageErasePastTheEndSetsPgerrAndIsLoggedAsRefused() {
        FakeContext ctx = new FakeContext();
        FlashMemory mem = new FlashMemory(0x0800_0000, 64 * 1024, 1024);
        FlashLedger ledger = new FlashLedger(1);
        F1FlashController fc = new F1FlashController(ctx, mem, ledger, new OptionBytes());
        fc.write(0x04, 0x4567_0123, 4);
        fc.write(0x04, 0xCDEF_89AB, 4);
        fc.write(0x10, 2, 4);                                        // PER
        fc.write(0x14, 0x0801_0000, 4);                              // AR: first address past the end
        fc.write(0x10, 2 | 1 << 6, 4);                               // STRT
        assertThat(fc.read(0x0C) & 0x35).isEqualTo(0x04);            // PGERR, not busy, no EOP
        assertThat(fc.isBusy()).isFalse();
        assertThat(ledger.operations()).extracting(FlashOperation::outcome)
                .containsExactly(FlashOperation.Outcome.PROGRAM_ERROR);
        assertThat(ctx.events).anyMatch(e -> e.contains("past the end of main flash"));
    }

    @Test
    public void l4PageNumberPastTheEndSetsOperrAndIsLoggedAsRefused() {
        FakeContext ctx = new FakeContext();
        FlashMemory mem = new FlashMemory(0x0800_0000, 256 * 1024, 2048);
        FlashLedger ledger = new FlashLedger(1);
        L4FlashController fc = new L4FlashController(ctx, mem, ledger, new OptionBytes());
        fc.reset(ResetCause.POWER_ON);
        fc.write(0x08, 0x4567_0123, 4);
        fc.write(0x08, 0xCDEF_89AB, 4);
        fc.write(0x14, 1 << 1 | 128 << 3, 4);                        // PER, page 128 of 0..127
        fc.write(0x14, 1 << 1 | 128 << 3 | 1 << 16, 4);
        assertThat(fc.read(0x10) & (1 << 1 | 1 << 16)).isEqualTo(1 << 1);   // OPERR, not busy
        assertThat(ledger.operations()).extracting(FlashOperation::outcome)
                .containsExactly(FlashOperation.Outcome.PROGRAM_ERROR);
        assertThat(ctx.events).anyMatch(e -> e.contains("past the end of main flash"));
    }
}
