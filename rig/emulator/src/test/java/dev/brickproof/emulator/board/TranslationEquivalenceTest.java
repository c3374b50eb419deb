package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Whole firmware, gcc-built: each fixture bootloader and its app run on two boards, one compiling hot straight
 * runs into JVM methods and one interpreting only, in the same virtual-time slices. After every slice both
 * boards must agree on instructions executed, virtual time, every byte sent on USART1 and the whole SRAM.
 * The translating board must have compiled runs, so the comparison covers translated code.
 */
public class TranslationEquivalenceTest {

    @DataProvider
    public Object[][] firmware() {
        return new Object[][] {
            {Chip.STM32F103C8, "f103-d1-boot.bin", "f103-d1-app-v1.0"},
            {Chip.STM32F103C8, "f103-d3-boot.bin", "f103-d3-app-v1.0"},
            {Chip.STM32F103C8, "f103-d5-boot.bin", "f103-d5-app-v1.0"},
            {Chip.STM32F103C8, "f103-ymodem-boot.bin", "f103-ymodem-app-v1.0"},
            {Chip.STM32L431RC, "l431-ymodem-boot.bin", "l431-ymodem-app-v1.0"},
            {Chip.STM32L431RC, "l431-d4ip-boot.bin", "l431-d4ip-app-v1.0"},
        };
    }

    @Test(dataProvider = "firmware")
    public void translatedAndInterpretedBoardsRunTheFirmwareIdentically(Chip chip, String boot, String app)
            throws IOException {
        EmulatedBoard translated = board(chip, boot, app, true);
        EmulatedBoard interpreted = board(chip, boot, app, false);
        StringBuilder outT = new StringBuilder();
        StringBuilder outI = new StringBuilder();
        translated.usart1().onTransmit(b -> outT.append((char) b));
        interpreted.usart1().onTransmit(b -> outI.append((char) b));
        translated.setPower(true);
        interpreted.setPower(true);
        int sramBase = 0x2000_0000;
        int sramSize = chip == Chip.STM32F103C8 ? 20 * 1024 : 48 * 1024;
        for (int slice = 0; slice < 60; slice++) {
            Duration step = Duration.ofMillis(1 + slice % 7);
            translated.runFor(step);
            interpreted.runFor(step);
            String where = app + ", slice " + slice + " at " + interpreted.now();
            assertThat(translated.instructions()).as("instructions: %s", where).isEqualTo(interpreted.instructions());
            assertThat(translated.now()).as("virtual time: %s", where).isEqualTo(interpreted.now());
            assertThat(outT.toString()).as("USART1 output: %s", where).isEqualTo(outI.toString());
            assertThat(translated.readMemory(sramBase, sramSize)).as("SRAM: %s", where)
                    .isEqualTo(interpreted.readMemory(sramBase, sramSize));
            assertThat(translated.status()).as("status: %s", where).isEqualTo(interpreted.status());
        }
        assertThat(outI.toString()).as("the firmware ran").contains(" v1.0 (" + chip.name() + ")");
        assertThat(translated.report().translatedRuns()).as("runs compiled on %s", app).isPositive();
        assertThat(interpreted.report().translatedRuns()).isZero();
    }

    private static EmulatedBoard board(Chip chip, String boot, String app, boolean translation) throws IOException {
        EmulatedBoard board = EmulatedBoard.create(BoardOptions.of(chip).withBlockTranslation(translation));
        board.programFlash(0x0800_0000, Files.readAllBytes(FixtureSmokeTest.fixture(boot)));
        board.programFlash(FixtureSmokeTest.appAddress(app + ".yaml"),
                Files.readAllBytes(FixtureSmokeTest.fixture(app + ".bin")));
        if (boot.startsWith("f103-d1")) {
            board.programFlash(0x0800_F000, new byte[] {0, 0}); // D1 flag: update done
        }
        return board;
    }
}
