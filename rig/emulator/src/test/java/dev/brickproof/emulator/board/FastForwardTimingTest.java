package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.Chip;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.Test;

/**
 * Idle fast-forward must not change what firmware observes: a loop polling USART1 while it times itself by
 * SysTick COUNTFLAG (interrupt off) sees every millisecond pass, and sees every byte, at the times it would
 * without fast-forward, while executing far fewer instructions. Lockstep.
 */
public class FastForwardTimingTest {
    private static final BoardOptions FAST = BoardOptions.of(Chip.STM32F103C8);
    private static final BoardOptions SLOW = FAST.withIdleFastForward(false);
    /** What one loop iteration and transmit completion may shift a byte by (the loop is ~10 cycles at 8 MHz). */
    private static final Duration JITTER = Duration.ofMillis(1).dividedBy(5);

    @Test
    public void aTimeoutCountedInSysTickWrapsExpiresOnTimeWhileFastForwarded() {
        PolledTimeoutProgram p = new PolledTimeoutProgram(FAST);
        p.board.setPower(true);
        p.board.runFor(Duration.ofMillis(1_050));
        List<PolledTimeoutProgram.Sent> t = p.timeouts();
        assertThat(t).as("a 'T' every 100 ms of polling without input; got %s", p.sent).hasSize(10);
        for (int i = 0; i < t.size(); i++) {
            Duration expected = PolledTimeoutProgram.TIMEOUT.multipliedBy(i + 1);
            assertThat(t.get(i).at()).isBetween(expected, expected.plus(JITTER));
        }
    }

    @Test
    public void fastForwardSkipsMostOfThePollingLoopAndKeepsItsTiming() {
        PolledTimeoutProgram fast = new PolledTimeoutProgram(FAST);
        PolledTimeoutProgram slow = new PolledTimeoutProgram(SLOW);
        for (PolledTimeoutProgram p : List.of(fast, slow)) {
            p.board.setPower(true);
            p.board.runFor(Duration.ofMillis(30));
            p.board.usart1().send("hello, 0123456789".getBytes(StandardCharsets.ISO_8859_1));
            p.board.runFor(Duration.ofMillis(470));
        }
        long fastInsns = fast.board.instructions();
        long slowInsns = slow.board.instructions();
        System.out.printf("polled-timeout program, 500 ms: %d instructions fast-forwarded, %d without%n",
                fastInsns, slowInsns);
        assertThat(fast.text()).isEqualTo(slow.text()).isEqualTo("hello, 0123456789TTTT");
        for (int i = 0; i < fast.sent.size(); i++) {
            Duration d = fast.sent.get(i).at().minus(slow.sent.get(i).at()).abs();
            assertThat(d).as("byte %d: fast-forwarded at %s, without at %s", i, fast.sent.get(i).at(),
                    slow.sent.get(i).at()).isLessThanOrEqualTo(JITTER);
        }
        assertThat(fastInsns * 20).as("fast-forward engaged").isLessThan(slowInsns);
    }

    @Test
    public void bytesArrivingWhileTheLoopIsFastForwardedAreAllReceivedAndRestartTheTimeout() {
        PolledTimeoutProgram p = new PolledTimeoutProgram(FAST);
        p.board.setPower(true);
        p.board.runFor(Duration.ofMillis(250)); // two timeouts, fast-forwarded between wraps
        for (int pauseMs : new int[] {40, 130, 60}) { // bursts of 2.3 ms; only the 130 ms pause times out
            p.board.usart1().send("abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.ISO_8859_1));
            p.board.runFor(Duration.ofMillis(pauseMs));
        }
        p.board.runFor(Duration.ofMillis(200));
        String alphabet = "abcdefghijklmnopqrstuvwxyz";
        assertThat(p.text()).isEqualTo("TT" + alphabet + alphabet + "T" + alphabet + "TT");
        assertThat(p.board.usart1().pendingToBoard()).isZero();
        // the timeout after the last burst counts from its last byte
        List<PolledTimeoutProgram.Sent> s = p.sent;
        int lastZ = p.text().lastIndexOf('z');
        Duration gap = s.get(lastZ + 1).at().minus(s.get(lastZ).at());
        // (counted in SysTick wraps: the first one comes up to 1 ms after the byte)
        assertThat(gap).isBetween(PolledTimeoutProgram.TIMEOUT.minusMillis(1), PolledTimeoutProgram.TIMEOUT.plus(JITTER));
    }
}
