package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.BoardStatus;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import dev.brickproof.api.FlashOperation;
import dev.brickproof.api.PowerCut;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** Behaviour of the emulated boards as seen by real firmware (src/test/firmware/soc/soctest.c, socapp.c). */
public class SocFirmwareTest {
    private static final int PINRSTF = 1 << 26;
    private static final int PORRSTF = 1 << 27; // BORRSTF on the L4, same bit
    private static final int SFTRSTF = 1 << 28;
    private static final int IWDGRSTF = 1 << 29;

    @DataProvider(name = "chips")
    public Object[][] chips() {
        return new Object[][] {{Chip.STM32F103C8}, {Chip.STM32L431RC}};
    }

    @Test(dataProvider = "chips")
    public void powerOnPrintsTheBannerWithPowerOnAndPinResetFlags(Chip chip) {
        TestBoard t = new TestBoard(chip).powerOn();
        int csr = t.banner();
        assertThat(csr & 0xFF00_0000).isEqualTo(PORRSTF | PINRSTF);
        t.send("p");
        t.await("pong\r\n");
    }

    @Test(dataProvider = "chips")
    public void bytesLeaveTheWireAtTheLineRate(Chip chip) {
        TestBoard t = new TestBoard(chip).powerOn();
        t.banner();
        List<Long> times = new ArrayList<>();
        t.board.usart1().onTransmit(b -> times.add(t.board.now().toNanos()));
        t.send("p");
        t.await("pong\r\n");
        assertThat(times).hasSize(6);
        for (int i = 1; i < times.size(); i++) {
            // 10 bits at 115200 baud (BRR rounded from the reset clock): 86.8 us +- 2 %
            assertThat(times.get(i) - times.get(i - 1)).isBetween(85_000L, 89_000L);
        }
    }

    @Test(dataProvider = "chips")
    public void aircrSystemResetRequestRebootsWithTheSoftwareResetFlag(Chip chip) {
        TestBoard t = new TestBoard(chip).powerOn();
        t.banner();
        t.send("r");
        int csr = t.banner();
        assertThat(csr & 0xFF00_0000).isEqualTo(SFTRSTF | PINRSTF);
        assertThat(t.board.report().events()).anyMatch(e -> e.kind().equals("reset") && e.detail().startsWith("SOFTWARE"));
    }

    @Test(dataProvider = "chips")
    public void nrstPulseRebootsWithOnlyThePinResetFlag(Chip chip) {
        TestBoard t = new TestBoard(chip).powerOn();
        t.banner();
        t.board.setResetAsserted(true);
        t.board.runFor(Duration.ofMillis(1));
        assertThat(t.board.status()).isEqualTo(BoardStatus.IN_RESET);
        t.board.setResetAsserted(false);
        assertThat(t.banner() & 0xFF00_0000).isEqualTo(PINRSTF);
    }

    @Test(dataProvider = "chips")
    public void sysTickInterruptsWakeWfiOncePerMillisecond(Chip chip) {
        TestBoard t = new TestBoard(chip).powerOn();
        t.banner();
        Duration start = t.board.now();
        t.send("t");
        t.await("ticks 10\r\n");
        Duration took = t.board.now().minus(start);
        assertThat(took).isBetween(Duration.ofMillis(10), Duration.ofMillis(12));
    }

    @Test(dataProvider = "chips")
    public void independentWatchdogResetsTheBoardWithIwdgrstf(Chip chip) {
        TestBoard t = new TestBoard(chip).powerOn();
        t.banner();
        t.send("w");
        t.await("iwdg\r\n");
        Duration started = t.board.now();
        int csr = t.banner();
        assertThat(csr & 0xFF00_0000).isEqualTo(IWDGRSTF | PINRSTF);
        // 100 ticks of LSI/4: 10 ms at 40 kHz (F1), 12.5 ms at 32 kHz (L4), plus the banner
        long expectedMs = chip == Chip.STM32F103C8 ? 10 : 12;
        assertThat(t.board.report().events()).anyMatch(e -> e.kind().equals("iwdg-reset"));
        assertThat(t.board.now().minus(started).toMillis()).isBetween(expectedMs, expectedMs + 6);
    }

    @Test(dataProvider = "chips")
    public void jumpToAnAppThatRelocatesVtorTakesItsInterrupts(Chip chip) {
        TestBoard t = new TestBoard(chip);
        t.board.programFlash(0x0800_4000, TestBoard.firmware("socapp", chip));
        t.powerOn().banner();
        t.send("j");
        t.await("socapp vtor=08004000\r\n");
        t.await("socapp ticks=5\r\n");
        long insns = t.board.instructions();
        t.board.runFor(Duration.ofMillis(5));
        // WFI between SysTick interrupts: a handful of instructions per millisecond
        assertThat(t.board.instructions() - insns).isBetween(5L, 200L);
        assertThat(t.board.status()).isNotIn(BoardStatus.LOCKED_UP, BoardStatus.HALTED);
    }

    @Test(dataProvider = "chips")
    public void jumpWithoutAnAppIsRefusedByTheFirmware(Chip chip) {
        TestBoard t = new TestBoard(chip).powerOn();
        t.banner();
        t.send("j");
        t.await("no app\r\n");
    }

    @Test
    public void f1FlashRulesSeenFromFirmware() {
        TestBoard t = new TestBoard(Chip.STM32F103C8).powerOn();
        t.banner();
        t.send("f");
        Matcher m = t.await("F erase=(\\w+) erased=(\\w+) sr1=(\\w+) v1=(\\w+) sr2=(\\w+) v2=(\\w+) sr3=(\\w+) v3=(\\w+)\r\n");
        assertThat(m.group(1)).isEqualTo("00000020");        // EOP
        assertThat(m.group(2)).isEqualTo("FFFFFFFF");
        assertThat(m.group(3)).isEqualTo("00000020");
        assertThat(m.group(4)).isEqualTo("FFFF5678");        // half-word programmed, next one still erased
        assertThat(m.group(5)).isEqualTo("00000004");        // PGERR: target not erased
        assertThat(m.group(6)).isEqualTo("FFFF5678");        // nothing written
        assertThat(m.group(7)).isEqualTo("00000020");        // 0x0000 over anything is allowed
        assertThat(m.group(8)).isEqualTo("FFFF0000");
        List<FlashOperation> ops = t.board.flashOperations();
        assertThat(ops).extracting(FlashOperation::outcome).containsExactly(FlashOperation.Outcome.COMPLETED,
                FlashOperation.Outcome.COMPLETED, FlashOperation.Outcome.PROGRAM_ERROR, FlashOperation.Outcome.COMPLETED);
        assertThat(ops.get(0).duration()).isEqualTo(Duration.ofMillis(30));
    }

    @Test
    public void l4FlashRulesSeenFromFirmware() {
        TestBoard t = new TestBoard(Chip.STM32L431RC).powerOn();
        t.banner();
        t.send("f");
        Matcher m = t.await("F erase=(\\w+) erased=(\\w+) sr1=(\\w+) v1=(\\w+) sr2=(\\w+) v2=(\\w+) sr3=(\\w+) v3=(\\w+)\r\n");
        assertThat(m.group(1)).isEqualTo("00000000");        // EOP only with EOPIE
        assertThat(m.group(2)).isEqualTo("FFFFFFFF");
        assertThat(m.group(3)).isEqualTo("00000000");
        assertThat(m.group(4)).isEqualTo("12345678");
        assertThat(m.group(5)).isEqualTo("00000008");        // PROGERR
        assertThat(m.group(6)).isEqualTo("12345678");
        assertThat(m.group(7)).isEqualTo("00000000");        // all-zero double-word allowed
        assertThat(m.group(8)).isEqualTo("00000000");
    }

    @Test(dataProvider = "chips")
    public void bytesArrivingWhileFlashStallsTheCoreOverrunTheReceiver(Chip chip) {
        TestBoard t = new TestBoard(chip).powerOn();
        t.banner();
        t.send("oxyz");
        Matcher m = t.await("O sr=(\\w\\w) dr=(\\w\\w)\r\n");
        assertThat(m.group(1)).isEqualTo("28");              // ORE | RXNE
        assertThat(m.group(2)).isEqualTo("78");              // 'x' kept, 'y' and 'z' lost
    }

    @Test(dataProvider = "chips")
    public void usartReceiveInterruptEchoesEveryByte(Chip chip) {
        TestBoard t = new TestBoard(chip).powerOn();
        t.banner();
        t.send("u");
        t.await("u on\r\n");
        t.send("abc");
        t.await("bcd");
        t.send("q");
        t.await("u off\r\n");
    }

    @Test(dataProvider = "chips")
    public void switchingToThePllSpeedsTheCoreUpAndKeepsTheLineRate(Chip chip) {
        TestBoard t = new TestBoard(chip).powerOn();
        t.banner();
        t.send("c");
        t.await("clk " + (chip == Chip.STM32F103C8 ? 72 : 80) + "\r\n");
        long before = t.board.instructions();
        t.send("t");  // SysTick reload computed from the new clock: still 1 ms
        t.await("ticks 10\r\n");
        t.send("p");
        t.await("pong\r\n");
        assertThat(t.board.instructions()).isGreaterThan(before);
    }

    @Test(dataProvider = "chips")
    public void gpioOutputsAndInputsReachTheHost(Chip chip) {
        TestBoard t = new TestBoard(chip).powerOn();
        t.banner();
        char port = chip == Chip.STM32F103C8 ? 'C' : 'A';
        int pin = chip == Chip.STM32F103C8 ? 13 : 5;
        List<String> changes = new ArrayList<>();
        t.board.onOutputChange((p, n, high) -> changes.add("" + p + n + "=" + high));
        t.send("l");
        t.await("led 1\r\n");
        assertThat(t.board.output(port, pin)).isTrue();
        assertThat(changes).contains(port + "" + pin + "=true");
        t.send("l");
        t.await("led 0\r\n");
        assertThat(t.board.output(port, pin)).isFalse();
        t.send("k");
        t.await("key 0\r\n");
        t.board.setInput('A', 0, true);
        t.send("k");
        t.await("key 1\r\n");
    }

    @Test(dataProvider = "chips")
    public void aBoardWaitingForInputFastForwardsVirtualTime(Chip chip) {
        TestBoard t = new TestBoard(chip).powerOn();
        t.banner();
        long insns = t.board.instructions();
        long wall = System.nanoTime();
        t.board.runFor(Duration.ofSeconds(60));
        long wallMs = (System.nanoTime() - wall) / 1_000_000;
        assertThat(t.board.instructions() - insns).isLessThan(1_000);
        assertThat(wallMs).isLessThan(500);
        assertThat(t.board.status()).isEqualTo(BoardStatus.SLEEPING);
        t.send("p");
        t.await("pong\r\n");
    }

    @Test(dataProvider = "chips")
    public void withoutFastForwardThePollingLoopRunsEveryCycle(Chip chip) {
        TestBoard t = new TestBoard(BoardOptions.of(chip).withIdleFastForward(false)).powerOn();
        t.banner();
        long insns = t.board.instructions();
        t.board.runFor(Duration.ofMillis(10));
        assertThat(t.board.instructions() - insns).isGreaterThan(5_000);
        t.send("p");
        t.await("pong\r\n");
    }

    @Test(dataProvider = "chips")
    public void snapshotRestoreReplaysIdentically(Chip chip) {
        TestBoard t = new TestBoard(chip).powerOn();
        t.banner();
        EmulatedBoard.Snapshot snap = t.board.snapshot();
        String first = runScript(t);
        long firstInsns = t.board.instructions();
        Duration firstNow = t.board.now();
        byte[] firstFlash = t.board.readMemory(0x0800_0000, chip.flashSize());
        t.board.restore(snap);
        assertThat(t.board.now()).isEqualTo(snap.takenAt());
        String second = runScript(t);
        assertThat(second).isEqualTo(first);
        assertThat(t.board.instructions()).isEqualTo(firstInsns);
        assertThat(t.board.now()).isEqualTo(firstNow);
        assertThat(t.board.readMemory(0x0800_0000, chip.flashSize())).isEqualTo(firstFlash);
    }

    private static String runScript(TestBoard t) {
        StringBuilder out = new StringBuilder();
        t.board.usart1().onTransmit(b -> out.append((char) b));
        t.send("tgfp");
        t.board.runFor(Duration.ofMillis(200));
        return out.toString();
    }
}
