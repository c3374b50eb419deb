package dev.brickproof.emulator.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.Chip;
import dev.brickproof.api.PowerCut;
import dev.brickproof.emulator.EmulatedBoard;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/**
 * Nothing the board keeps grows per cut: 50,000 cuts on one board in a child JVM with a 48 MiB heap, the way a
 * hand-written sweep does it (no snapshot: power on, arm, run the test firmware's "g" until the cut, power
 * back), then the flash-operation log and the event list are still bounded.
 */
public class ManyCutsTest {
    static final int CUTS = 50_000;

    @Test
    public void fiftyThousandCutsRunInASmallHeapAndLeaveTheLogsBounded() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                ManyCutsTest.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("cuts " + CUTS);
    }

    /** The child: exits 0 when every cut fired and the logs stayed bounded. */
    public static void main(String[] args) {
        TestBoard t = new TestBoard(Chip.STM32F103C8).powerOn();
        t.banner();
        EmulatedBoard b = t.board;
        for (int i = 0; i < CUTS; i++) {
            b.armPowerCut(PowerCut.beforeFlashOp(1 + i % 4));
            b.usart1().send(new byte[] {'g'});
            if (!b.runUntil(b::powerCutFired, Duration.ofSeconds(1))) {
                System.out.println("cut " + i + " did not fire");
                System.exit(1);
            }
            b.setPower(false);
            b.setPower(true);
            b.runUntil(() -> false, Duration.ofMillis(2));
        }
        int ops = b.flashOperations().size();
        int events = b.report().events().size();
        System.out.println("cuts " + CUTS + ", log " + ops + " operations, " + events + " events");
        System.exit(ops <= 8192 && events <= 8192 ? 0 : 2);
    }
}
