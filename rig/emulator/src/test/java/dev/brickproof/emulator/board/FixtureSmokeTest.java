package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.BoardStatus;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testng.annotations.Test;

/** The project's own fixture firmware boots on the emulated boards (banner over USART1). */
public class FixtureSmokeTest {

    static Path fixture(String name) {
        Path p = Path.of(System.getProperty("brickproof.root", "../.."), "fixtures/firmware/bin", name);
        if (!Files.exists(p)) {
            p = Path.of("../../fixtures/firmware/bin", name);
        }
        return p;
    }

    private static String boot(Chip chip, String boot, String app, int appAddress) throws IOException {
        EmulatedBoard board = EmulatedBoard.create(BoardOptions.of(chip));
        board.programFlash(0x0800_0000, Files.readAllBytes(fixture(boot)));
        board.programFlash(appAddress, Files.readAllBytes(fixture(app)));
        if (boot.startsWith("f103-d1")) {
            board.programFlash(0x0800_F000, new byte[] {0, 0}); // D1 flag: update done
        }
        StringBuilder out = new StringBuilder();
        board.usart1().onTransmit(b -> out.append((char) b));
        board.setPower(true);
        board.runUntil(() -> out.toString().contains(" app v1.0"), Duration.ofSeconds(2));
        board.runFor(Duration.ofMillis(20));
        System.out.println(chip + ": " + out + " status=" + board.status() + " t=" + board.now() + " insns=" + board.instructions());
        board.report().events().forEach(e -> System.out.println("  " + e));
        System.out.println("  unmodelled: " + board.report().unmodelledAddresses().stream().map(Integer::toHexString).toList());
        assertThat(board.status()).isNotIn(BoardStatus.LOCKED_UP, BoardStatus.HALTED);
        return out.toString();
    }

    @Test
    public void f103FixtureBootloaderStartsItsApp() throws IOException {
        assertThat(boot(Chip.STM32F103C8, "f103-d1-boot.bin", "f103-d1-app-v1.0.bin", 0x0800_2800))
                .contains("brickproof D1 boot v1.0 (STM32F103C8)").contains("brickproof D1 app v1.0 (STM32F103C8)");
    }

    @Test
    public void l431FixtureBootloaderStartsItsApp() throws IOException {
        assertThat(boot(Chip.STM32L431RC, "l431-ymodem-boot.bin", "l431-ymodem-app-v1.0.bin", appAddress("l431-ymodem-app-v1.0.yaml")))
                .contains("(STM32L431RC)").contains(" app v1.0");
    }

    static int appAddress(String yaml) throws IOException {
        for (String line : Files.readAllLines(fixture(yaml))) {
            if (line.startsWith("loadAddress:")) {
                return Integer.parseUnsignedInt(line.replaceAll(".*0x([0-9A-Fa-f]+).*", "$1"), 16);
            }
        }
        throw new IOException("no loadAddress in " + yaml);
    }
}
