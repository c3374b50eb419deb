package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.BoardStatus;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.RealTimeRunner;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/** The board on its own thread, paced to the wall clock. */
public class RealTimeRunnerTest {

    @Test
    public void anIdleBoardCostsAlmostNoHostCpuAndStillAnswersPromptly() throws Exception {
        TestBoard t = new TestBoard(Chip.STM32F103C8);
        StringBuffer console = new StringBuffer();
        t.board.usart1().onTransmit(b -> console.append((char) b));
        CountDownLatch pong = new CountDownLatch(1);
        t.board.usart1().onTransmit(b -> {
            if (console.toString().contains("pong")) {
                pong.countDown();
            }
        });
        try (RealTimeRunner runner = RealTimeRunner.start(t.board, "rt-idle")) {
            runner.call(b -> {
                b.setPower(true);
                return null;
            });
            Thread.sleep(300);
            assertThat(console.toString()).contains("csr=");
            Duration cpu0 = runner.cpuTimeUsed();
            long instructions0 = runner.call(b -> b.instructions());
            long wall0 = System.nanoTime();
            Thread.sleep(1_000);
            Duration cpu = runner.cpuTimeUsed().minus(cpu0);
            long wallMs = (System.nanoTime() - wall0) / 1_000_000;
            System.out.printf("idle real-time board: %d ms CPU over %d ms wall (%.2f %%)%n", cpu.toMillis(), wallMs,
                    100.0 * cpu.toNanos() / (wallMs * 1_000_000.0));
            // the CPU figure is information (the -Pbench benchmark measures it); what must hold is that the
            // waiting board parks: it executes (almost) nothing while it sleeps in WFI for a second
            assertThat(runner.call(b -> b.instructions()) - instructions0).isLessThan(1_000L);
            Duration virtual = runner.call(b -> b.now());
            assertThat(virtual.toMillis()).isBetween(1_200L, 1_600L);  // paced: follows the wall clock
            BoardStatus idle = runner.call(b -> b.status());
            assertThat(idle).isEqualTo(BoardStatus.SLEEPING);

            long sent = System.nanoTime();
            t.board.usart1().send("p".getBytes());
            assertThat(pong.await(2, TimeUnit.SECONDS)).isTrue();
            assertThat((System.nanoTime() - sent) / 1_000_000).isLessThan(200);
        }
        // back to lockstep
        t.board.usart1().send("p".getBytes());
        assertThat(t.board.runUntil(() -> console.toString().split("pong").length > 2, Duration.ofSeconds(1))).isTrue();
    }

    @Test
    public void theRomLoaderAnswersInRealTimeAndIdlesCheaply() throws Exception {
        dev.brickproof.emulator.EmulatedBoard board = dev.brickproof.emulator.EmulatedBoard.create(
                dev.brickproof.emulator.BoardOptions.of(Chip.STM32L431RC));
        CountDownLatch ack = new CountDownLatch(1);
        board.usart1().onTransmit(b -> {
            if (b == 0x79) {
                ack.countDown();
            }
        });
        try (RealTimeRunner runner = RealTimeRunner.start(board, "rt-rom")) {
            runner.call(b -> {
                b.setPower(true);                                   // empty L4: ROM loader
                return null;
            });
            Duration cpu0 = runner.cpuTimeUsed();
            Thread.sleep(500);
            assertThat(runner.cpuTimeUsed().minus(cpu0)).isLessThan(Duration.ofMillis(50));
            long sent = System.nanoTime();
            board.usart1().send(0x7F);
            assertThat(ack.await(1, TimeUnit.SECONDS)).isTrue();
            assertThat((System.nanoTime() - sent) / 1_000_000).isLessThan(100);
        }
    }

    @Test
    public void aBusyBoardIsPacedToTheWallClock() throws Exception {
        TestBoard t = new TestBoard(Chip.STM32L431RC);
        try (RealTimeRunner runner = RealTimeRunner.start(t.board, "rt-busy")) {
            runner.call(b -> {
                b.setPower(true);
                return null;
            });
            Thread.sleep(100);
            t.board.usart1().send("t".getBytes()); // SysTick + WFI: 10 ms of virtual time
            long wall0 = System.nanoTime();
            Duration v0 = runner.call(b -> b.now());
            Thread.sleep(500);
            Duration v1 = runner.call(b -> b.now());
            long wallMs = (System.nanoTime() - wall0) / 1_000_000;
            assertThat(v1.minus(v0).toMillis()).isBetween(wallMs - 100, wallMs + 20);
        }
    }
}
