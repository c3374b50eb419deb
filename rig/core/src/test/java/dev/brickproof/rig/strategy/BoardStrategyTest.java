package dev.brickproof.rig.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.api.Chip;
import dev.brickproof.rig.Board;
import dev.brickproof.rig.BoardStateException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.config.FirmwareManifests;
import dev.brickproof.rig.console.LinkConsole;
import dev.brickproof.rig.driver.BootModeControl;
import dev.brickproof.rig.driver.PowerControl;
import dev.brickproof.rig.driver.ResetControl;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.BoardTiming;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.FirmwareProfile.UpdateEntry;
import dev.brickproof.rig.resource.GpioLine;
import dev.brickproof.rig.resource.PowerRelay;
import dev.brickproof.rig.resource.SerialPortResource;
import dev.brickproof.rig.testing.Firmware;
import dev.brickproof.rig.testing.MemoryLink;
import dev.brickproof.rig.time.WallClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class BoardStrategyTest {
    private MemoryLink link;
    private ScriptedBoard hw;
    private Board board;

    /** Drivers of a pretend board: prints banners on power-on and reset release, by boot mode. */
    private final class ScriptedBoard implements PowerControl, ResetControl, BootModeControl {
        final List<String> actions = new ArrayList<>();
        boolean powered;
        boolean keyHeld;
        boolean rom;
        boolean appWorks = true;

        private void boot() {
            if (rom) {
                return;
            }
            link.boardSays("brickproof D1 boot v1.0 (STM32F103C8)\r\n");
            if (!keyHeld && appWorks) {
                link.boardSays("brickproof D1 app v1.0 (STM32F103C8)\r\n");
            }
        }

        @Override public void on() { actions.add("on"); powered = true; boot(); }
        @Override public void off() { actions.add("off"); powered = false; }
        @Override public boolean isOn() { return powered; }
        @Override public void cycle(Duration offTime) { off(); on(); }
        @Override public void hold() { actions.add("hold"); }
        @Override public void release() { actions.add("release"); }
        @Override public void pulse() { actions.add("pulse"); if (powered) { boot(); } }
        @Override public void selectRomBootloader() { actions.add("rom"); rom = true; keyHeld = false; }
        @Override public void pressUpdateKey() { actions.add("key"); keyHeld = true; rom = false; }
        @Override public void selectNormalBoot() { actions.add("normal"); keyHeld = false; rom = false; }
        @Override public void close() { selectNormalBoot(); release(); }
    }

    @BeforeMethod
    public void board() throws Exception {
        Path dir = Files.createTempDirectory("strategy");
        FirmwareManifests m = new FirmwareManifests();
        FirmwareImage boot = m.load(Firmware.write(dir, "boot", "bootloader", "1.0", "0x08000000",
                Firmware.bytes(100, 1), Firmware.bootloaderExtras()));
        FirmwareImage app = m.load(Firmware.write(dir, "v1", "app", "1.0", "0x08002800", Firmware.bytes(100, 2), ""));
        FirmwareProfile fw = new FirmwareProfile("D1", UpdateEntry.KEY_AT_RESET, "d3-raw",
                Pattern.compile("^brickproof D1 app v(\\d+)\\.(\\d+)"), Pattern.compile("^brickproof D1 boot v1\\.0"),
                boot, app, app, Map.of(), Duration.ZERO, null, Map.of());
        GpioLine any = new GpioLine("gpiochip0", 1, false);
        BoardResource r = new BoardResource("b1", Chip.STM32F103C8, new SerialPortResource("emulated", 115200,
                Duration.ofSeconds(1)), any, any, any, new PowerRelay(any, PowerRelay.Wiring.NORMALLY_OPEN, true),
                new BoardTiming(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofMillis(300)),
                fw, BoardResource.EmulatedWiring.defaults());
        link = new MemoryLink();
        hw = new ScriptedBoard();
        board = new Board(r, new WallClock(), hw, hw, hw, new LinkConsole(link, dir.resolve("console.log")), null, null);
    }

    @Test
    public void appRunningPowersAnOffBoardAndSeesTheBanner() {
        BoardStrategy s = board.newStrategy();
        s.transition(BoardState.APP_RUNNING);
        assertThat(s.state()).isEqualTo(BoardState.APP_RUNNING);
        assertThat(s.lastBanner().orElseThrow().group(1)).isEqualTo("1");
        assertThat(hw.actions).containsSubsequence("normal", "on");
    }

    @Test
    public void aTransitionToTheCurrentStateDoesNothingButForceActsAgain() {
        BoardStrategy s = board.newStrategy();
        s.transition(BoardState.APP_RUNNING);
        int before = hw.actions.size();
        s.transition(BoardState.APP_RUNNING);
        assertThat(hw.actions).hasSize(before);
        s.force(BoardState.APP_RUNNING);
        assertThat(hw.actions.subList(before, hw.actions.size())).contains("pulse");
    }

    @Test
    public void theIapBootloaderIsEnteredWithTheKeyHeldDuringReset() {
        BoardStrategy s = board.newStrategy();
        s.transition(BoardState.APP_RUNNING);
        s.transition(BoardState.IAP_BOOTLOADER);
        assertThat(hw.actions).containsSubsequence("key", "pulse", "normal");
        assertThat(s.state()).isEqualTo(BoardState.IAP_BOOTLOADER);
    }

    @Test
    public void theRomBootloaderIsEnteredWithBoot0High() {
        BoardStrategy s = board.newStrategy();
        s.transition(BoardState.ROM_BOOTLOADER);
        assertThat(hw.actions).containsSubsequence("rom", "on");
    }

    @Test
    public void afterTheFirstFailureTheStrategyStaysFailedWithTheOriginalCause() {
        hw.appWorks = false;
        BoardStrategy s = board.newStrategy();
        assertThatThrownBy(() -> s.transition(BoardState.APP_RUNNING)).isInstanceOf(RigTimeoutException.class)
                .hasMessageContaining("brickproof D1 boot v1.0");
        hw.appWorks = true;
        assertThatThrownBy(() -> s.transition(BoardState.OFF))
                .isInstanceOf(BoardStateException.class)
                .hasMessageContaining("failed earlier")
                .hasCauseInstanceOf(RigTimeoutException.class);
        assertThat(s.state()).isEqualTo(BoardState.UNKNOWN);
        board.newStrategy().transition(BoardState.APP_RUNNING);
    }

    @Test
    public void offSwitchesPowerOffWithBoot0LowAndResetReleased() {
        BoardStrategy s = board.newStrategy();
        s.transition(BoardState.APP_RUNNING);
        s.transition(BoardState.OFF);
        assertThat(hw.actions).endsWith("normal", "release", "off");
        assertThat(hw.powered).isFalse();
    }
}
