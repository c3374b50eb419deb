package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.Chip;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.zip.CRC32;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Vendor-HAL-style firmware (src/test/firmware/soc/haltest.c: PLL clock tree, SysTick time base, CRC unit,
 * HAL_DeInit, clock gating, CCIPR) sees the peripherals the way silicon shows them.
 */
public class HalFirmwareTest {

    @DataProvider(name = "chips")
    public Object[][] chips() {
        return new Object[][] {{Chip.STM32F103C8}, {Chip.STM32L431RC}};
    }

    /** Boots haltest; returns the board and the image length from the banner. */
    private static TestBoard boot(Chip chip) {
        return new TestBoard(BoardOptions.of(chip), "haltest").powerOn();
    }

    private static int bannerLength(TestBoard t) {
        return Integer.parseInt(t.await("haltest \\S+ len=(\\d+)\r\n").group(1));
    }

    @Test(dataProvider = "chips")
    public void crcUnitOverTheImageEqualsJavasCrc32(Chip chip) {
        TestBoard t = boot(chip);
        int len = bannerLength(t);
        t.send("c");
        String crc = t.await("crc ([0-9A-F]{8})\r\n").group(1);
        CRC32 expected = new CRC32();
        expected.update(t.board.readMemory(0x0800_0000, len / 4 * 4));
        assertThat(Long.parseLong(crc, 16)).isEqualTo(expected.getValue());
    }

    @Test(dataProvider = "chips")
    public void halDeInitResetsUsart1GpioaAndTheCrcUnit(Chip chip) {
        TestBoard t = boot(chip);
        bannerLength(t);
        t.send("c");
        t.await("crc \\w+\r\n");
        t.send("d");
        Matcher m = t.await("deinit brr=(\\w+) cr1=(\\w+) gpio=(\\w+) crc=(\\w+)\r\n");
        assertThat(m.group(1)).isEqualTo("00000000");
        assertThat(m.group(2)).isEqualTo("00000000");
        // GPIOA back to its reset configuration: F1 CRH all floating inputs, L4 MODER 0xABFFFFFF
        assertThat(m.group(3)).isEqualTo(chip == Chip.STM32F103C8 ? "44444444" : "ABFFFFFF");
        if (chip == Chip.STM32L431RC) {
            assertThat(m.group(4)).isEqualTo("FFFFFFFF");        // AHB1RSTR.CRCRST: DR back to INIT
        } else {
            assertThat(m.group(4)).isNotEqualTo("FFFFFFFF");     // the F103 has no RCC reset for its CRC unit
        }
        t.send("c");                                              // the console works again after MX_*_Init
        t.await("crc \\w+\r\n");
    }

    @Test(dataProvider = "chips")
    public void aPeripheralWithItsClockOffReadsZeroAndIgnoresWrites(Chip chip) {
        TestBoard t = boot(chip);
        bannerLength(t);
        t.send("g");
        Matcher m = t.await("gate off=(\\w+) on=(\\w+) gpio=(\\w+)\r\n");
        assertThat(m.group(1)).isEqualTo("00000000");
        assertThat(m.group(2)).isEqualTo("FFFFFFFF");            // the write with the clock off never landed
        // the GPIOB write with its clock off was ignored: reset configuration
        assertThat(m.group(3)).isEqualTo(chip == Chip.STM32F103C8 ? "44444444" : "FFFFFEBF");
    }

    @Test
    public void l4Usart1OnHsi16ViaCciprRunsAt38400() {
        TestBoard t = boot(Chip.STM32L431RC);
        bannerLength(t);
        List<Long> times = new ArrayList<>();
        t.board.usart1().onTransmit(b -> times.add(t.board.now().toNanos()));
        t.send("k");
        t.await("hsi16 38400\r\n");
        assertThat(times).hasSize(13);
        for (int i = 1; i < times.size(); i++) {
            // 10 bits at 16 MHz / 417 = 38369 baud: 260.6 us (PCLK2 = 80 MHz would give 52 us)
            assertThat(times.get(i) - times.get(i - 1)).isBetween(259_000L, 262_000L);
        }
    }

    @Test(dataProvider = "chips")
    public void extiRisingEdgeOnPb0InterruptsThroughTheExticrSelectedPort(Chip chip) {
        TestBoard t = boot(chip);
        bannerLength(t);
        t.send("x");
        t.await("exti armed\r\n");
        t.board.setInput('A', 0, true);                          // line 0 selects port B: PA0 is not seen
        t.board.runFor(java.time.Duration.ofMillis(2));
        assertThat(t.console()).doesNotContain("exti 1");
        t.board.setInput('B', 0, true);
        Matcher m = t.await("exti (\\d+) pr=(\\w+)\r\n");
        assertThat(m.group(1)).isEqualTo("1");
        assertThat(m.group(2)).isEqualTo("00000000");            // the handler cleared PR
    }

    @Test(dataProvider = "chips")
    public void receiveToIdleEndsOneFrameAfterTheLastByte(Chip chip) {
        TestBoard t = boot(chip);
        bannerLength(t);
        t.send("i");
        t.await("idle armed\r\n");
        t.send("abcd");
        t.await("idle n=4 abcd\r\n");
    }

    @Test
    public void f1Usart1RemappedToPb6Pb7NeedsPb6SetUpToReachTheHost() {
        TestBoard t = boot(Chip.STM32F103C8);
        bannerLength(t);
        t.send("m");
        t.await("remapped\r\nback\r\n");
        assertThat(t.console()).doesNotContain("lost");
        assertThat(t.board.report().events()).anyMatch(e -> e.kind().equals("uart-pins")
                && e.detail().contains("USART1_REMAP") && e.detail().contains("PB6"));
    }

    /** What the HAL-style receive timeout looked like on one board. */
    private record Wait(long instructions, long firstByteNanos, String elapsedMs, long cyclesAtThreeSeconds) { }

    private static Wait halWait(boolean fastForward) {
        TestBoard t = new TestBoard(BoardOptions.of(Chip.STM32F103C8).withIdleFastForward(fastForward), "haltest")
                .powerOn();
        bannerLength(t);
        List<Long> times = new ArrayList<>();
        t.board.usart1().onTransmit(b -> times.add(t.board.now().toNanos()));
        long before = t.board.instructions();
        t.send("w");
        String elapsed = t.await("rx timeout (\\d+)\r\n", java.time.Duration.ofSeconds(3)).group(1);
        long insns = t.board.instructions() - before;
        dev.brickproof.emulator.soc.Stm32Board board = (dev.brickproof.emulator.soc.Stm32Board) t.board;
        board.advance(3_000_000_000_000L, null);                 // to the first cycle boundary at or after 3 s
        return new Wait(insns, times.get(0), elapsed, board.core().cycles());
    }

    @Test
    public void halUartWaitPollingFromTwoPcsIsFastForwardedAndTimesOutExactlyAsWithout() {
        Wait fast = halWait(true);
        Wait slow = halWait(false);
        System.out.printf("HAL UART wait, 1 s timeout at 72 MHz: %d instructions fast-forwarded, %d without;"
                + " timeout output at %d ns vs %d ns%n", fast.instructions(), slow.instructions(),
                fast.firstByteNanos(), slow.firstByteNanos());
        assertThat(fast.elapsedMs()).isEqualTo(slow.elapsedMs()).isEqualTo("1001");
        // the same SysTick phase at the same virtual time: not one cycle gained or lost over 3 s of skipping
        assertThat(fast.cyclesAtThreeSeconds()).isEqualTo(slow.cyclesAtThreeSeconds());
        // the timeout's output differs at most by where in its loop each core noticed the last tick
        assertThat(Math.abs(fast.firstByteNanos() - slow.firstByteNanos())).isLessThan(1_000L);
        assertThat(fast.instructions() * 100).as("fast-forward engaged").isLessThan(slow.instructions());
    }

    @Test(dataProvider = "chips")
    public void timerTimeBaseUpdateInterruptEveryMillisecond(Chip chip) {
        TestBoard t = boot(chip);
        bannerLength(t);
        t.send("t");
        java.time.Duration start = t.board.now();
        Matcher m = t.await("tim (\\d+) ms=(\\d+)\r\n");
        assertThat(m.group(1)).isEqualTo("10");                  // TIM2 (F1) / TIM6 (L4) update interrupts
        assertThat(Integer.parseInt(m.group(2))).isBetween(9, 11); // counted against SysTick: 1 ms each
        assertThat(t.board.now().minus(start)).isBetween(java.time.Duration.ofMillis(10),
                java.time.Duration.ofMillis(13));
    }

    /**
     * Option-byte programming from firmware (HAL_FLASHEx_OBProgram RDP level 1, then HAL_FLASH_OB_Launch) takes
     * effect at the option load the launch causes: the board comes back in the ROM loader (BOOT0 high) and the
     * loader refuses Read Memory (AN3155 NACK), as a read-protected part does; it answers before the launch.
     */
    @Test(dataProvider = "chips")
    public void firmwareProgrammingReadProtectionLocksTheRomLoaderFromTheLaunchedOptionLoad(Chip chip) {
        TestBoard t = boot(chip);
        bannerLength(t);
        t.board.setBoot0(true);        // sampled at the launch's reset, not before
        t.send("p");
        Matcher stored = t.await("rdp 1 stored optr=(\\w+)\r\n");
        assertThat(Integer.parseUnsignedInt(stored.group(1), 16) & 0xFF).as("RDP byte as the firmware reads it back")
                .isEqualTo(chip == Chip.STM32F103C8 ? 0x00 : 0xBB);
        ByteArrayOutputStream rom = new ByteArrayOutputStream();
        t.board.usart1().onTransmit(rom::write);
        t.board.runFor(Duration.ofMillis(50));   // the launch resets the board into the ROM loader
        assertThat(ReadProtectionTest.exchange(t.board, rom, 0x7F)).as("the ROM loader after the launch answers the"
                + " sync byte").containsExactly(0x79);
        assertThat(ReadProtectionTest.exchange(t.board, rom, 0x11, 0xEE)).as("Read Memory on a read-protected part")
                .containsExactly(0x1F);
    }
}
