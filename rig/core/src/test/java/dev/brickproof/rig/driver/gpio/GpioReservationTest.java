package dev.brickproof.rig.driver.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.RunInterruptedException;
import dev.brickproof.rig.resource.GpioLine;
import dev.brickproof.rig.resource.RigDescription.GpioProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

public class GpioReservationTest {

    @Test
    public void onceReservedForTheSafeStateOtherThreadsCannotDriveALineAndTheRefusalIsJournaled() throws Exception {
        Path journal = Files.createTempDirectory("gpio-journal").resolve("gpio.log");
        try (Pi4jGpio gpio = Pi4jGpio.open(GpioProvider.MOCK, new GpioJournal(journal))) {
            GpioOutput reset = gpio.output("d1-nrst", new GpioLine("gpiochip0", 17, true), false);
            reset.set(true);
            gpio.reserveForSafeState(Thread.currentThread());

            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> reset.set(false));
            assertThatThrownBy(() -> other.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RunInterruptedException.class)
                    .hasMessageContaining("d1-nrst");
            assertThat(reset.isAsserted()).as("the refused write changed nothing").isTrue();

            reset.set(false); // the reserving thread drives the safe state
            assertThat(reset.isAsserted()).isFalse();
        }
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines).anyMatch(l -> l.contains("REFUSED d1-nrst") && l.endsWith("(the run is interrupted; only"
                + " the safe state is driven)"));
        assertThat(lines).filteredOn(l -> l.matches("\\d+ \\S+ \\[[^]]+] d1-nrst .*")).hasSize(2);
    }
}
