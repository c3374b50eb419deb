package dev.brickproof.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.console.LinkConsole;
import dev.brickproof.rig.testing.MemoryLink;
import dev.brickproof.rig.time.WallClock;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Pattern;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

/** A driving thread that Ctrl-C interrupted stops at its next pause, console wait or console write. */
public class InterruptedDrivingTest {

    @AfterMethod(alwaysRun = true)
    public void clearInterrupt() {
        Thread.interrupted();
    }

    @Test(timeOut = 20_000)
    public void aWallClockPauseOfAnInterruptedThreadEndsWithRunInterrupted() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> new WallClock().pause(Duration.ofHours(1)))
                .isInstanceOf(RunInterruptedException.class).hasMessageContaining("pausing");
    }

    @Test(timeOut = 20_000)
    public void anInterruptedThreadStopsWaitingForAConsoleLineAndSendsNothing() throws Exception {
        MemoryLink link = new MemoryLink();
        try (LinkConsole console = new LinkConsole(link, Files.createTempFile("console", ".log"))) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> console.expect(Pattern.compile("never"),
                    new WallClock().deadlineAfter(Duration.ofHours(1), "a line that never comes")))
                    .isInstanceOf(RunInterruptedException.class).hasMessageContaining("/never/");
            assertThatThrownBy(() -> console.send("1")).isInstanceOf(RunInterruptedException.class);
            assertThatThrownBy(() -> console.link().write(new byte[] {1}, 0, 1))
                    .isInstanceOf(RunInterruptedException.class);
            assertThat(link.sentToBoard()).isEmpty();
        }
    }

    @Test
    public void aMarkGoesIntoTheTranscriptOnALineOfItsOwn() throws Exception {
        MemoryLink link = new MemoryLink();
        java.nio.file.Path file = Files.createTempFile("console", ".log");
        try (LinkConsole console = new LinkConsole(link, file)) {
            link.boardSays("IAP: waiting");
            console.poll(Pattern.compile("x"));
            console.mark("=== interrupted at 2026-12-04T06:00:00Z ===");
        }
        assertThat(Files.readString(file)).isEqualTo("IAP: waiting\n=== interrupted at 2026-12-04T06:00:00Z ===\n");
    }
}
