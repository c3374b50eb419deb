package dev.brickproof.rig.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.api.Chip;
import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile.UpdateEntry;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.PowerRelay;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.rig.resource.UpdatePhase;
import dev.brickproof.rig.testing.Firmware;
import dev.brickproof.rig.update.UpdateDrivers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class RigFileLoaderTest {
    private Path dir;

    @BeforeMethod
    public void firmware() throws Exception {
        dir = Files.createTempDirectory("rig");
        Firmware.write(dir.resolve("fw"), "boot", "bootloader", "1.0", "0x08000000", Firmware.bytes(512, 1),
                Firmware.bootloaderExtras());
        Firmware.write(dir.resolve("fw"), "app-v1", "app", "1.0", "0x08002800",
                Firmware.application(900, 2, 0x08002800), "");
        Firmware.write(dir.resolve("fw"), "app-v2", "app", "2.0", "0x08002800",
                Firmware.application(950, 3, 0x08002800), "");
    }

    private static final String VALID = """
            name: bench
            gpio: mock
            boards:
              - id: f103
                chip: STM32F103C8
                serial:
                  port: /dev/serial/by-id/usb-FTDI-if00-port0
                  baud: 115200
                gpio:
                  reset: { chip: gpiochip0, line: 17, activeLow: true }
                  boot0: { chip: gpiochip0, line: 27 }
                  updateKey: { chip: gpiochip0, line: 22, activeLow: true }
                power:
                  relay: { chip: gpiochip0, line: 23, activeLow: true }
                  wiring: normally-closed
                  safeState: powered
                timing:
                  resetPulse: 50ms
                  bootTimeout: 3s
                firmware:
                  design: D1
                  updateEntry: app-command
                  entryCommand: "update\\r\\n"
                  provisionWrites:
                    "0x0800F000": "0000"
                  protocol: d1-raw
                  bootloader: fw/boot.yaml
                  app: fw/app-v1.yaml
                  update: fw/app-v2.yaml
            """;

    private Path rig(String yaml) throws Exception {
        Path file = dir.resolve("rig.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private RigDescription load(String yaml) throws Exception {
        return new RigFileLoader(dir.resolve("runs")).load(rig(yaml));
    }

    @Test
    public void aCompleteRigFileLoadsIntoResources() throws Exception {
        RigDescription rig = load(VALID);
        BoardResource board = rig.board("f103").orElseThrow();
        assertThat(board.chip()).isEqualTo(Chip.STM32F103C8);
        assertThat(board.reset().activeLow()).isTrue();
        assertThat(board.boot0().activeLow()).isFalse();
        assertThat(board.power().wiring()).isEqualTo(PowerRelay.Wiring.NORMALLY_CLOSED);
        assertThat(board.power().safeOn()).isTrue();
        assertThat(board.timing().resetPulse()).isEqualTo(Duration.ofMillis(50));
        assertThat(board.timing().bootTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(board.timing().powerOff()).as("default").isEqualTo(Duration.ofMillis(500));
        assertThat(board.firmware().updateEntry()).isEqualTo(UpdateEntry.APP_COMMAND);
        assertThat(board.firmware().entryCommand()).isEqualTo("update\r\n");
        assertThat(board.firmware().update().version()).isEqualTo("2.0");
        assertThat(board.firmware().appBanner().matcher("brickproof D1 app v2.0 (STM32F103C8)").find()).isTrue();
        assertThat(board.firmware().bootloader().outcomeAfterCutIn(UpdatePhase.ERASE)).contains(Outcome.BRICKED);
        assertThat(board.firmware().layout().region("app").orElseThrow().start()).isEqualTo(0x08002800);
        assertThat(board.firmware().provisionWrites().get(0x0800F000)).containsExactly(0, 0);
        assertThat(board.firmware().appBanner().pattern()).contains("D1").contains("STM32F103C8");
    }

    @Test
    public void anUnknownKeyIsNamedWithItsPathAndTheKnownKeys() throws Exception {
        assertThatThrownBy(() -> load(VALID.replace("resetPulse: 50ms", "resetPulsee: 50ms")))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("rig.yaml")
                .hasMessageContaining("boards[0].timing.resetPulsee")
                .hasMessageContaining("unknown key")
                .hasMessageContaining("resetPulse");
    }

    @Test
    public void aMissingSerialPortSaysWhatToWrite() throws Exception {
        assertThatThrownBy(() -> load(VALID.replace("port: /dev/serial/by-id/usb-FTDI-if00-port0", "baud2: 1")
                .replace("baud2: 1", "")))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("boards[0].serial.port")
                .hasMessageContaining("/dev/serial/by-id");
    }

    @Test
    public void aBadDurationNamesTheFormat() throws Exception {
        assertThatThrownBy(() -> load(VALID.replace("resetPulse: 50ms", "resetPulse: PT0.05S")))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("boards[0].timing.resetPulse")
                .hasMessageContaining("'PT0.05S' is not a duration")
                .hasMessageContaining("250ms");
    }

    @Test
    public void anUnknownChipListsTheKnownOnes() throws Exception {
        assertThatThrownBy(() -> load(VALID.replace("chip: STM32F103C8\n", "chip: STM32F407VG\n")))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("boards[0].chip")
                .hasMessageContaining("STM32F407VG")
                .hasMessageContaining("STM32L431RC");
    }

    @Test
    public void aMissingFirmwareFileFailsFast() throws Exception {
        Files.delete(dir.resolve("fw/app-v2.bin"));
        assertThatThrownBy(() -> load(VALID))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("app-v2.yaml")
                .hasMessageContaining("does not exist");
    }

    @Test
    public void aMissingManifestNamesTheRigKey() throws Exception {
        assertThatThrownBy(() -> load(VALID.replace("fw/app-v2.yaml", "fw/app-v9.yaml")))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("boards[0].firmware.update")
                .hasMessageContaining("app-v9.yaml");
    }

    @Test
    public void anImageWhoseHashDiffersFromItsManifestIsRejected() throws Exception {
        Files.write(dir.resolve("fw/app-v1.bin"), Firmware.bytes(900, 99));
        assertThatThrownBy(() -> load(VALID))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("app-v1.yaml")
                .hasMessageContaining("sha256")
                .hasMessageContaining("rebuild");
    }

    @Test
    public void aKeyAtResetDesignWithoutAKeyLineIsRejected() throws Exception {
        assertThatThrownBy(() -> load(VALID.replace("app-command", "key-at-reset")
                .replace("      updateKey: { chip: gpiochip0, line: 22, activeLow: true }\n", "")))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("gpio.updateKey");
    }

    @Test
    public void twoSignalsOnOneLineAreRejected() throws Exception {
        assertThatThrownBy(() -> load(VALID.replace("line: 27", "line: 17")))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("gpiochip0:17");
    }

    @Test
    public void anEmulatedBoardOnTheGpiodProviderIsRejected() throws Exception {
        assertThatThrownBy(() -> load(VALID.replace("gpio: mock", "gpio: gpiod")
                .replace("port: /dev/serial/by-id/usb-FTDI-if00-port0", "port: emulated")))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("boards[0].serial.port")
                .hasMessageContaining("gpio: mock");
    }

    @Test
    public void provisionWritesMustBeHexBytes() throws Exception {
        assertThatThrownBy(() -> load(VALID.replace("\"0x0800F000\": \"0000\"", "\"0x0800F000\": \"zz\"")))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("provisionWrites");
    }

    @Test
    public void aMissingRigFileSaysHowToChooseOne() {
        assertThatThrownBy(() -> new RigFileLoader().load(dir.resolve("nope.yaml")))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("-Drig=");
    }

    @Test
    public void durationsUseOneFormat() {
        assertThat(DurationText.parse("250ms")).contains(Duration.ofMillis(250));
        assertThat(DurationText.parse("5s")).contains(Duration.ofSeconds(5));
        assertThat(DurationText.parse("2m")).contains(Duration.ofMinutes(2));
        assertThat(DurationText.parse("500us")).contains(Duration.ofNanos(500_000));
        assertThat(DurationText.parse("PT5S")).isEmpty();
        assertThat(DurationText.parse("5 s")).isEmpty();
        assertThat(DurationText.parse("1.5s")).isEmpty();
        assertThat(DurationText.format(Duration.ofMillis(250))).isEqualTo("250ms");
    }

    @Test
    public void everyCommittedManifestPassesTheManifestChecks() throws Exception {
        Path bin = Path.of(System.getProperty("brickproof.root", "../..")).resolve("fixtures/firmware/bin");
        List<Path> manifests;
        try (var files = Files.list(bin)) {
            manifests = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(manifests).hasSizeGreaterThan(30);
        for (Path manifest : manifests) {
            FirmwareImage image = new FirmwareManifests().load(manifest);
            assertThat(image.chip().containsFlash(image.loadAddress())).as(manifest.toString()).isTrue();
            if (image.isBootloader()) {
                assertThat(image.layout().region("app")).as(manifest + " layout.app").isPresent();
            }
        }
    }

    @Test
    public void aRigFileOfTenMegabytesIsRefusedBeforeParsing() throws Exception {
        Path file = rig("name: " + "x".repeat(10 * 1024 * 1024) + "\n");
        assertThatThrownBy(() -> new RigFileLoader(dir).load(file))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("rig.yaml: (file): rig file is 10485767 bytes")
                .hasMessageContaining("Fix:");
    }

    @Test
    public void aLargeRigFileUnderTheLimitStillParses() throws Exception {
        String comment = "# " + "x".repeat(1000) + "\n";
        RigDescription rig = load(comment.repeat(200) + VALID);
        assertThat(rig.boards()).hasSize(1);
    }

    @Test
    public void aFirmwareBlockWithoutADriverForItsProtocolNeverLoads() throws Exception {
        for (String protocol : UpdateDrivers.names()) {
            assertThat(UpdateDrivers.supports(protocol)).as(protocol).isTrue();
        }
        assertThatThrownBy(() -> load(VALID.replace("protocol: d1-raw", "protocol: xmodm")))
                .isInstanceOf(RigConfigurationException.class)
                .hasMessageContaining("boards[0].firmware.protocol")
                .hasMessageContaining("'xmodm'")
                .hasMessageContaining(UpdateDrivers.names().toString());
    }

    @Test
    public void theShippedRigFilesLoad() {
        Path root = Path.of(System.getProperty("brickproof.root", "../.."));
        for (String name : new String[] {"emulated.yaml", "pi-lab.example.yaml"}) {
            Path file = root.resolve("fixtures/rigs").resolve(name);
            RigDescription rig = new RigFileLoader(dir).load(file);
            assertThat(rig.boards()).as(name).isNotEmpty();
        }
    }
}
