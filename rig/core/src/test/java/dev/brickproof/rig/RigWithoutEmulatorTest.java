package dev.brickproof.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.config.RigFileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import dev.brickproof.rig.driver.SimulatedBoardProvider;
import org.testng.annotations.Test;

/**
 * rig/core stands without the emulator: its test classpath has no {@link SimulatedBoardProvider}, so a rig file
 * with an emulated board is a configuration error naming the missing module, not a crash.
 */
public class RigWithoutEmulatorTest {

    @Test
    public void noEmulatorIsOnTheRigLibrarysClasspath() {
        assertThat(ServiceLoader.load(SimulatedBoardProvider.class).findFirst()).isEmpty();
        assertThatThrownBy(() -> Class.forName("dev.brickproof.emulator.EmulatedBoard"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    public void anEmulatedBoardWithoutTheEmulatorIsAConfigurationErrorNamingTheModule() throws Exception {
        Path dir = Files.createTempDirectory("rig");
        Path file = dir.resolve("rig.yaml");
        Files.writeString(file, """
                gpio: mock
                boards:
                  - id: sim1
                    chip: STM32F103C8
                    serial: { port: emulated }
                    gpio:
                      reset: { line: 17, activeLow: true }
                      boot0: { line: 27 }
                    power:
                      relay: { line: 23, activeLow: true }
                      wiring: normally-closed
                      safeState: unpowered
                """);
        assertThatThrownBy(() -> Rig.open(new RigFileLoader(dir.resolve("runs")).load(file),
                RigOptions.defaults().withShutdownHook(false)))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("rig.yaml")
                .hasMessageContaining("boards[sim1].serial.port")
                .hasMessageContaining("brickproof-emulated")
                .satisfies(e -> assertThat(ExitStatus.of(e)).isEqualTo(ExitStatus.CONFIGURATION_ERROR));
    }
}
