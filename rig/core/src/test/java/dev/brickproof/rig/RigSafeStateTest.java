package dev.brickproof.rig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.link.pty.PseudoTerminal;
import dev.brickproof.rig.resource.BoardResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** A "hardware" board (a pty as its USB adapter, mock GPIO lines): closing the rig leaves the safe state. */
public class RigSafeStateTest {

    @Test
    public void closingTheRigReturnsEveryLineToTheDeclaredSafeStateEvenMidScenario() throws Exception {
        Path dir = Files.createTempDirectory("rig");
        try (PseudoTerminal adapter = PseudoTerminal.open(dir.resolve("by-id/usb-adapter"))) {
            Path file = dir.resolve("rig.yaml");
            Files.writeString(file, """
                    gpio: mock
                    boards:
                      - id: b1
                        chip: STM32F103C8
                        serial: { port: %s }
                        gpio:
                          reset: { line: 17, activeLow: true }
                          boot0: { line: 27 }
                          updateKey: { line: 22 }
                        power:
                          relay: { line: 23, activeLow: true }
                          wiring: normally-open
                          safeState: unpowered
                    """.formatted(adapter.link().orElseThrow()));
            Rig rig = Rig.open(new RigFileLoader(dir.resolve("runs")).load(file),
                    RigOptions.defaults().withShutdownHook(false));
            BoardResource r = rig.description().boards().get(0);
            List<Boolean> nrst = new ArrayList<>();
            List<Boolean> boot0 = new ArrayList<>();
            List<Boolean> key = new ArrayList<>();
            List<Boolean> coil = new ArrayList<>();
            rig.simulatedGpio().watch(r.reset(), nrst::add);
            rig.simulatedGpio().watch(r.boot0(), boot0::add);
            rig.simulatedGpio().watch(r.updateKey(), key::add);
            rig.simulatedGpio().watch(r.power().coil(), coil::add);

            Board board = rig.board("b1");
            board.power().on();
            board.bootMode().pressUpdateKey();
            board.bootMode().selectRomBootloader();
            board.reset().hold();
            rig.close();

            assertThat(nrst).as("NRST released: active-low line high").endsWith(true);
            assertThat(boot0).as("BOOT0 low").endsWith(false);
            assertThat(key).as("key released").endsWith(false);
            assertThat(coil).as("NO relay, safe unpowered: coil off, active-low input high").endsWith(true);
            assertThat(coil).as("it was energised during the scenario").contains(false);
        }
    }
}
