package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.RealTimeRunner;
import java.time.Duration;
import org.testng.annotations.Test;

/** Idle fast-forward under the {@link RealTimeRunner}: firmware timeouts follow the wall clock, bytes arrive when sent. */
public class RealTimeFastForwardTest {
    private static final BoardOptions FAST = BoardOptions.of(Chip.STM32F103C8);
    /** Host scheduling slack allowed between the sender's clock reading and the board thread's. */
    private static final Duration SLACK = Duration.ofMillis(5);

    @Test
    public void aTimeoutCountedInSysTickWrapsExpiresWithTheWallClock() throws Exception {
        PolledTimeoutProgram p = new PolledTimeoutProgram(FAST);
        try (RealTimeRunner runner = RealTimeRunner.start(p.board, "rt-ff-timeout")) {
            runner.call(b -> {
                b.setPower(true);
                return null;
            });
            Duration cpu0 = runner.cpuTimeUsed();
            Thread.sleep(1_000);
            Duration cpu = runner.cpuTimeUsed().minus(cpu0);
            Duration virtual = runner.call(b -> b.now());
            System.out.printf("polled-timeout program in real time: %d timeouts, %d ms CPU over 1000 ms wall%n",
                    p.timeouts().size(), cpu.toMillis());
            // one 'T' per 100 ms of virtual time, and virtual time follows the wall clock
            int due = (int) (virtual.toMillis() / 100);
            assertThat(p.timeouts().size()).isBetween(due - 1, due);
            assertThat(virtual).isGreaterThanOrEqualTo(Duration.ofMillis(1_000));
        }
    }

    @Test
    public void bytesSentToAnIdleBoardArriveAtTheWallClockTimeTheyWereSent() throws Exception {
        PolledTimeoutProgram p = new PolledTimeoutProgram(FAST, false); // no SysTick: parks up to 50 ms at a time
        try (RealTimeRunner runner = RealTimeRunner.start(p.board, "rt-ff-arrival")) {
            runner.call(b -> {
                b.setPower(true);
                return null;
            });
            Duration v0 = runner.call(b -> b.now()); // the runner brings the board level with the wall clock first
            long t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                Thread.sleep(37);
                long sentAt = System.nanoTime();
                p.board.usart1().send(new byte[] {(byte) ('a' + i)});
                int echoes = i + 1;
                long giveUp = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (p.sent.size() < echoes && System.nanoTime() < giveUp) {
                    Thread.sleep(1);
                }
                assertThat(p.sent).as("echo of byte %d", i).hasSize(echoes);
                Duration notBefore = v0.plusNanos(sentAt - t0).minus(SLACK);
                assertThat(p.sent.get(i).at()).as("echo of byte %d (sent at virtual %s at the earliest)", i,
                        notBefore.plus(SLACK)).isGreaterThanOrEqualTo(notBefore);
            }
        }
    }
}
