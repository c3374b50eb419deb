package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.BoardStatus;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import dev.brickproof.api.FlashOperation;
import dev.brickproof.emulator.soc.Stm32Board;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** Boot into system memory: the ROM loader model answers on USART1 and programs through the flash controller. */
public class RomEntryTest {

    private static final class RomClient {
        final EmulatedBoard board;
        final List<Integer> rx = new ArrayList<>();
        final List<Long> rxAt = new ArrayList<>();

        RomClient(EmulatedBoard board) {
            this.board = board;
            board.usart1().onTransmit(b -> {
                rx.add(b);
                rxAt.add(board.now().toNanos());
            });
        }

        byte[] exchange(int expect, int... bytes) {
            int start = rx.size();
            byte[] b = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                b[i] = (byte) bytes[i];
            }
            board.usart1().send(b);
            assertThat(board.runUntil(() -> rx.size() >= start + expect, Duration.ofSeconds(5)))
                    .as("ROM loader answer to %s", java.util.Arrays.toString(bytes)).isTrue();
            byte[] out = new byte[expect];
            for (int i = 0; i < expect; i++) {
                out[i] = (byte) (int) rx.get(start + i);
            }
            return out;
        }

        void write(int address, byte[] data) {
            assertThat(exchange(1, 0x31, 0xCE)).containsExactly(0x79);
            int x = (address >>> 24) ^ (address >>> 16 & 0xFF) ^ (address >>> 8 & 0xFF) ^ (address & 0xFF);
            assertThat(exchange(1, address >>> 24, address >>> 16 & 0xFF, address >>> 8 & 0xFF, address & 0xFF, x & 0xFF))
                    .containsExactly(0x79);
            int[] frame = new int[data.length + 2];
            frame[0] = data.length - 1;
            int sum = data.length - 1;
            for (int i = 0; i < data.length; i++) {
                frame[1 + i] = data[i] & 0xFF;
                sum ^= data[i] & 0xFF;
            }
            frame[frame.length - 1] = sum & 0xFF;
            assertThat(exchange(1, frame)).containsExactly(0x79);
        }

        void go(int address) {
            assertThat(exchange(1, 0x21, 0xDE)).containsExactly(0x79);
            int x = (address >>> 24) ^ (address >>> 16 & 0xFF) ^ (address >>> 8 & 0xFF) ^ (address & 0xFF);
            assertThat(exchange(1, address >>> 24, address >>> 16 & 0xFF, address >>> 8 & 0xFF, address & 0xFF, x & 0xFF))
                    .containsExactly(0x79);
        }
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test(dataProvider = "chips", dataProviderClass = SocFirmwareTest.class)
    public void boot0HighStartsTheRomLoaderWhichProgramsAndStartsFirmware(Chip chip) {
        EmulatedBoard board = EmulatedBoard.create(BoardOptions.of(chip));
        RomClient rom = new RomClient(board);
        board.setBoot0(true);
        board.setPower(true);
        assertThat(((Stm32Board) board).inRomBootloader()).isTrue();
        assertThat(board.status()).isEqualTo(BoardStatus.RUNNING);
        assertThat(rom.exchange(1, 0x7F)).containsExactly(0x79);
        int pid = chip.productId();
        assertThat(rom.exchange(5, 0x02, 0xFD)).containsExactly(bytes(0x79, 0x01, pid >>> 8, pid & 0xFF, 0x79));

        byte[] image = TestBoard.firmware("soctest", chip);
        for (int off = 0; off < image.length; off += 256) {
            byte[] block = java.util.Arrays.copyOfRange(image, off, Math.min(image.length, off + 256));
            if (block.length % 8 != 0) {
                block = java.util.Arrays.copyOf(block, (block.length + 7) / 8 * 8);
                java.util.Arrays.fill(block, image.length - off, block.length, (byte) 0xFF);
            }
            rom.write(0x0800_0000 + off, block);
        }
        assertThat(board.readMemory(0x0800_0000, image.length)).isEqualTo(image);
        assertThat(board.flashOperations()).isNotEmpty()
                .allMatch(op -> op.kind() == FlashOperation.Kind.PROGRAM && op.outcome() == FlashOperation.Outcome.COMPLETED);

        StringBuilder console = new StringBuilder();
        board.usart1().onTransmit(b -> console.append((char) b));
        rom.go(0x0800_0000);
        assertThat(board.runUntil(() -> console.toString().contains("csr="), Duration.ofSeconds(1))).isTrue();
        assertThat(((Stm32Board) board).inRomBootloader()).isFalse();
    }

    @Test
    public void romBytesUse8E1FramingAtTheDefaultRate() {
        EmulatedBoard board = EmulatedBoard.create(BoardOptions.of(Chip.STM32F103C8).withBaudRate(57_600));
        RomClient rom = new RomClient(board);
        board.setBoot0(true);
        board.setPower(true);
        long sent = board.now().toNanos();
        rom.exchange(1, 0x7F);
        // 0x7F in, ACK out: two 11-bit frames at 57600 baud = 2 x 191 us
        assertThat(rom.rxAt.get(0) - sent).isBetween(380_000L, 400_000L);
    }

    @Test
    public void anEmptyL4BootsTheRomLoaderEvenWithBoot0Low() {
        EmulatedBoard board = EmulatedBoard.create(BoardOptions.of(Chip.STM32L431RC));
        board.setPower(true);
        assertThat(((Stm32Board) board).inRomBootloader()).isTrue();
        EmulatedBoard programmed = EmulatedBoard.create(BoardOptions.of(Chip.STM32L431RC));
        programmed.programFlash(0x0800_0000, TestBoard.firmware("soctest", Chip.STM32L431RC));
        programmed.setPower(true);
        assertThat(((Stm32Board) programmed).inRomBootloader()).isFalse();
    }

    @Test
    public void f1Boot1HighBootsFromSram() {
        EmulatedBoard board = EmulatedBoard.create(BoardOptions.of(Chip.STM32F103C8));
        board.setBoot0(true);
        board.setInput('B', 2, true);
        board.setPower(true);
        assertThat(board.report().events()).anyMatch(e -> e.detail().contains("boot from SRAM"));
    }
}
