package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.BoardStatus;
import dev.brickproof.api.Chip;
import dev.brickproof.api.FlashOperation;
import dev.brickproof.api.PowerCut;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import org.testng.annotations.Test;

/**
 * Power cuts the emulator performs itself at exact points of the test firmware's "g" command
 * (erase the test page = op 0, then program units 0..3 = ops 1..4).
 */
public class PowerCutTest {
    private static final int F1_PAGE = 0x0800_F000;
    private static final int L4_PAGE = 0x0803_C000;

    private static TestBoard bootedWithCut(Chip chip, long seed, PowerCut cut) {
        TestBoard t = new TestBoard(BoardOptions.of(chip).withSeed(seed)).powerOn();
        t.banner();
        t.board.armPowerCut(cut);
        t.send("g");
        assertThat(t.board.runUntil(t.board::powerCutFired, Duration.ofSeconds(1))).isTrue();
        return t;
    }

    private static int u16(byte[] b, int off) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(off) & 0xFFFF;
    }

    private static long u64(byte[] b, int off) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(off);
    }

    @Test
    public void aCutDuringAnF1HalfWordProgramLeavesASeededSubsetOfBitsUnprogrammed() {
        TestBoard t = bootedWithCut(Chip.STM32F103C8, 7, PowerCut.duringFlashOp(2, 0.5));
        assertThat(t.board.status()).isEqualTo(BoardStatus.OFF);
        List<FlashOperation> ops = t.board.flashOperations();
        FlashOperation last = ops.get(ops.size() - 1);
        assertThat(last.outcome()).isEqualTo(FlashOperation.Outcome.TORN);
        assertThat(last.address()).isEqualTo(F1_PAGE + 2);
        byte[] page = t.board.readMemory(F1_PAGE, 8);
        assertThat(u16(page, 0)).isEqualTo(0x0000);                    // unit 0 done
        int torn = u16(page, 2);                                       // target 0x0001
        assertThat(torn & 1).isEqualTo(1);                             // a 1 bit never goes to 0
        assertThat(torn).isNotIn(0xFFFF, 0x0001);                      // half-way: neither old nor new
        assertThat(u16(page, 4)).isEqualTo(0xFFFF);                    // never started
        assertThat(t.board.report().events()).anyMatch(e -> e.kind().equals("power-cut"));

        // same seed, same bits; other seeds, other bits
        assertThat(u16(bootedWithCut(Chip.STM32F103C8, 7, PowerCut.duringFlashOp(2, 0.5)).board.readMemory(F1_PAGE, 4), 2))
                .isEqualTo(torn);
        Set<Integer> values = new HashSet<>();
        for (long seed = 1; seed <= 6; seed++) {
            values.add(u16(bootedWithCut(Chip.STM32F103C8, seed, PowerCut.duringFlashOp(2, 0.5)).board.readMemory(F1_PAGE, 4), 2));
        }
        assertThat(values).hasSizeGreaterThan(1);
    }

    @Test
    public void aCutDuringAPageEraseLeavesSomeZeroBits() {
        TestBoard t = new TestBoard(BoardOptions.of(Chip.STM32F103C8).withSeed(3)).powerOn();
        t.banner();
        t.send("g");
        t.await("g done\r\n");
        t.board.armPowerCut(PowerCut.duringFlashOp(0, 0.5));
        t.send("g");
        assertThat(t.board.runUntil(t.board::powerCutFired, Duration.ofSeconds(1))).isTrue();
        byte[] page = t.board.readMemory(F1_PAGE, 8);
        int zeroBits = 0;
        for (int i = 0; i < 8; i++) {
            zeroBits += 8 - Integer.bitCount(page[i] & 0xFF);
        }
        // units held 0x0000, 0x0001, 0x0002, 0x0003: 61 zero bits before; about half survive a half erase
        assertThat(zeroBits).isBetween(10, 55);
        assertThat(t.board.flashOperations().get(t.board.flashOperations().size() - 1).kind())
                .isEqualTo(FlashOperation.Kind.PAGE_ERASE);
    }

    @Test
    public void aCutBeforeAnOperationLeavesTheCellUntouchedAndAfterLeavesItComplete() {
        TestBoard before = bootedWithCut(Chip.STM32F103C8, 1, PowerCut.beforeFlashOp(1));
        assertThat(u16(before.board.readMemory(F1_PAGE, 2), 0)).isEqualTo(0xFFFF);
        assertThat(before.board.flashOperations()).hasSize(1);

        TestBoard after = bootedWithCut(Chip.STM32F103C8, 1, PowerCut.afterFlashOp(1));
        byte[] b = after.board.readMemory(F1_PAGE, 4);
        assertThat(u16(b, 0)).isEqualTo(0x0000);
        assertThat(u16(b, 2)).isEqualTo(0xFFFF);
        assertThat(after.board.flashOperations()).hasSize(2);
    }

    @Test
    public void aTornL4DoubleWordRaisesAnEccNmiOnEveryReadUntilItsPageIsErased() {
        TestBoard t = bootedWithCut(Chip.STM32L431RC, 11, PowerCut.duringFlashOp(2, 0.5));
        long torn = u64(t.board.readMemory(L4_PAGE + 8, 8), 0);
        assertThat(torn).isNotEqualTo(-1L).isNotEqualTo(0x5A5A_0001_A5A5_0001L);
        t.board.setPower(true);
        t.banner();
        t.send("e");
        Matcher m = t.await("E nmi=(\\d+) eccr=(\\w+) sum=(\\w+)\r\n");
        assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(1);
        assertThat(m.group(2)).isEqualTo("8003C008");                 // ECCD, ADDR_ECC = offset of the torn DW
        assertThat(t.board.report().events()).anyMatch(e -> e.kind().equals("nmi"));
        int nmis = Integer.parseInt(m.group(1));
        t.send("e");
        assertThat(Integer.parseInt(t.await("E nmi=(\\d+) ").group(1))).isGreaterThan(nmis);
        // erase + reprogram: clean again
        t.send("g");
        t.await("g done\r\n");
        t.send("e");
        int afterErase = Integer.parseInt(t.await("E nmi=(\\d+) ").group(1));
        t.send("e");
        assertThat(Integer.parseInt(t.await("E nmi=(\\d+) ").group(1))).isEqualTo(afterErase);
    }

    @Test
    public void anInstructionCutFiresAfterExactlyThatManyInstructions() {
        TestBoard t = new TestBoard(Chip.STM32F103C8).powerOn();
        t.banner();
        long start = t.board.instructions();
        t.board.armPowerCut(PowerCut.atInstruction(1234));
        // 'w' spins in a plain loop (cut long before its IWDG fires); a command that waits on a status register
        // would not get there: fast-forward skips its polling loops without executing them
        t.send("w");
        assertThat(t.board.runUntil(t.board::powerCutFired, Duration.ofSeconds(1))).isTrue();
        assertThat(t.board.instructions() - start).isEqualTo(1234);
        assertThat(t.board.status()).isEqualTo(BoardStatus.OFF);
    }

    @Test(dataProvider = "chips", dataProviderClass = SocFirmwareTest.class)
    public void removingPowerWhileAnEraseIsBusyTearsIt(Chip chip) {
        TestBoard t = new TestBoard(chip).powerOn();
        t.banner();
        t.send("g");
        t.await("g done\r\n");
        t.send("g");
        t.board.runFor(Duration.ofMillis(5));                        // erase takes 22-30 ms
        t.board.setPower(false);
        FlashOperation erase = t.board.flashOperations().get(5);
        assertThat(erase.kind()).isEqualTo(FlashOperation.Kind.PAGE_ERASE);
        assertThat(erase.outcome()).isEqualTo(FlashOperation.Outcome.TORN);
        assertThat(erase.duration()).isLessThan(Duration.ofMillis(5));
        byte[] unit0 = t.board.readMemory(chip == Chip.STM32F103C8 ? F1_PAGE : L4_PAGE, 2);
        assertThat(u16(unit0, 0)).isNotEqualTo(0xFFFF);               // mostly still programmed
    }

    @Test
    public void aWatchdogResetDuringAnEraseLeavesThePageTorn() {
        // BOOT0 high: the ROM loader owns the board, the core is parked; drive the registers from here
        dev.brickproof.emulator.soc.Stm32Board b = (dev.brickproof.emulator.soc.Stm32Board)
                dev.brickproof.emulator.EmulatedBoard.create(BoardOptions.of(Chip.STM32F103C8));
        b.programFlash(F1_PAGE, new byte[1024]);                        // all zero
        b.setBoot0(true);
        b.setPower(true);
        b.bus().write32(0x4000_3000, 0x5555);
        b.bus().write32(0x4000_3004, 0);
        b.bus().write32(0x4000_3008, 49);                               // 50 x 100 us = 5 ms
        b.bus().write32(0x4000_3000, 0xCCCC);
        b.bus().write32(0x4002_2004, 0x4567_0123);
        b.bus().write32(0x4002_2004, 0xCDEF_89AB);
        b.bus().write32(0x4002_2010, 2);
        b.bus().write32(0x4002_2014, F1_PAGE);
        b.bus().write32(0x4002_2010, 2 | 1 << 6);                       // 30 ms page erase
        b.runFor(Duration.ofMillis(10));
        assertThat(b.report().events()).anyMatch(e -> e.kind().equals("flash-interrupted"));
        FlashOperation erase = b.flashOperations().get(0);
        assertThat(erase.outcome()).isEqualTo(FlashOperation.Outcome.TORN);
        byte[] page = b.readMemory(F1_PAGE, 1024);
        int ones = 0;
        for (byte x : page) {
            ones += Integer.bitCount(x & 0xFF);
        }
        assertThat(ones).isBetween(1, 8 * 1024 / 3);                    // about 5/30 of the bits erased
    }

    @Test
    public void aCutDuringARomLoaderWriteTearsThatHalfWord() {
        dev.brickproof.emulator.EmulatedBoard b = dev.brickproof.emulator.EmulatedBoard.create(BoardOptions.of(Chip.STM32F103C8));
        b.setBoot0(true);
        b.setPower(true);
        List<Integer> rx = new java.util.ArrayList<>();
        b.usart1().onTransmit(rx::add);
        b.usart1().send(new byte[] {0x7F});
        b.runUntil(() -> rx.size() == 1, Duration.ofSeconds(1));
        b.armPowerCut(PowerCut.duringFlashOp(3, 0.5));
        byte[] frame = new byte[2 + 16];                                // N-1 = 15, 16 zero bytes, checksum 15
        frame[0] = 15;
        frame[17] = 15;
        b.usart1().send(new byte[] {0x31, (byte) 0xCE});
        b.usart1().send(new byte[] {0x08, 0x00, 0x10, 0x00, 0x18});
        b.usart1().send(frame);
        assertThat(b.runUntil(b::powerCutFired, Duration.ofSeconds(1))).isTrue();
        byte[] data = b.readMemory(0x0800_1000, 16);
        assertThat(u16(data, 0)).isZero();
        assertThat(u16(data, 4)).isZero();
        assertThat(u16(data, 6)).isNotIn(0, 0xFFFF);                    // op 3 torn
        assertThat(u16(data, 8)).isEqualTo(0xFFFF);                     // never started
    }

    @Test
    public void ramIsGarbageAfterAPowerCycleButFlashPersists() {
        TestBoard t = new TestBoard(Chip.STM32F103C8).powerOn();
        t.banner();
        t.send("g");
        t.await("g done\r\n");
        byte[] ram = t.board.readMemory(0x2000_0000, 64);
        t.board.setPower(false);
        t.board.setPower(true);
        assertThat(t.board.readMemory(0x2000_0000, 64)).isNotEqualTo(ram);
        assertThat(u16(t.board.readMemory(F1_PAGE + 2, 2), 0)).isEqualTo(0x0001);
    }
}
