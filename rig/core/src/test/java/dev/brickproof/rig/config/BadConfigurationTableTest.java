package dev.brickproof.rig.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brickproof.rig.ExitStatus;
import dev.brickproof.rig.RigConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Issue 14's table: each row breaks the shipped default rig (fixtures/rigs/emulated.yaml and the committed manifests
 * it references, copied to a temporary directory) in one place. Every row must fail inside
 * {@link RigFileLoader#load} with a configuration error (exit status 3, never a product verdict) whose message names
 * the file, the key and a fix. Loading is all that runs: a board is only ever opened from the description the
 * loader returns, and for these rows it returns none.
 */
public class BadConfigurationTableTest {
    private static final Path ROOT = Path.of(System.getProperty("brickproof.root", "../.."));
    private static final String RIG = "rig.yaml";
    private static final String D1_APP = "f103-d1-app-v1.0.yaml";
    private static final String D1_UPDATE = "f103-d1-app-v2.0.yaml";
    private static final String D1_BOOT = "f103-d1-boot.yaml";
    private static final String D1_VARIANT = "f103-d1-boot-as-designed.yaml";

    /** One broken configuration: what to break, which file and key the message must name. */
    record Case(String name, String file, String key, Mutation mutation) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Mutation {
        void apply(Workspace w) throws IOException;
    }

    private static Case rig(String name, String key, Mutation m) {
        return new Case(name, RIG, key, m);
    }

    private static Case manifest(String name, String file, String key, Mutation m) {
        return new Case(name, file, key, m);
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // --- YAML in plain words -------------------------------------------------------------------------
        c.add(rig("a tab indents a key", "line 8, column 1, after key boards[0].id", w -> w.rig("    chip: STM32F103C8\n", "\tchip: STM32F103C8\n")));
        c.add(rig("a key is written twice", "duplicate key 'chip'", w -> w.rig("    chip: STM32F103C8\n",
                "    chip: STM32F103C8\n    chip: STM32L431RC\n")));
        c.add(rig("an alias is used", "boards[0].timing.bootTimeout (line 25", w -> w.rig("bootTimeout: 3s", "bootTimeout: *boot")));
        c.add(rig("an anchor is declared", "boards[0].timing", w -> w.rig("    timing:\n", "    timing: &t\n")));
        c.add(rig("a key is indented deeper than its sibling", "line 11, column 9, after key boards[0].serial.port", w -> w.rig("      baud: 115200\n",
                "        baud: 115200\n")));
        c.add(rig("a key is indented less than its siblings", "line 8, column 4, after key boards[0].id", w -> w.rig("    chip: STM32F103C8\n",
                "   chip: STM32F103C8\n")));
        c.add(rig("a quote is not closed", "after key boards[0].firmware.entryCommand", w -> w.rig("entryCommand: \"update\\r\"",
                "entryCommand: \"update\\r")));
        c.add(rig("a custom YAML tag", "boards[0].serial.port (line 10", w -> w.rig("port: emulated", "port: !env PORT")));
        c.add(rig("a second document follows", "second YAML document", w -> w.append("---\nname: again\n")));
        c.add(rig("a 10 MB scalar", "(file)", w -> w.write(RIG, "name: " + "x".repeat(10 * 1024 * 1024) + "\n")));
        c.add(rig("a 200 KiB scalar on one line", "line 4", w -> w.rig("name: emulated", "name: " + "x".repeat(200 * 1024))));
        c.add(rig("the file is empty", "(file)", w -> w.write(RIG, "")));
        c.add(rig("the file holds only comments", "(file)", w -> w.write(RIG, "# nothing yet\n")));
        c.add(rig("the top level is a list", "(top level)", w -> w.write(RIG, "- emulated\n")));
        c.add(rig("the file is not UTF-8", "(file)", w -> Files.write(w.rigFile(), new byte[] {'n', ':', ' ', (byte) 0xC3, 0x28})));
        // --- keys and types --------------------------------------------------------------------------------
        c.add(rig("a runs directory that is no path", "runs", w -> w.rig("gpio: mock", "gpio: mock\nruns: \"a\\0b\"")));
        c.add(rig("an unknown top-level key", "nmae", w -> w.rig("name: emulated", "nmae: emulated")));
        c.add(rig("an unknown board key", "boards[0].chipset", w -> w.rig("    chip: STM32F103C8\n", "    chip: STM32F103C8\n    chipset: x\n")));
        c.add(rig("boards is a single value", "boards", w -> w.write(RIG, "name: x\nboards: emulated\n")));
        c.add(rig("serial is a single value", "boards[0].serial", w -> w.rig("    serial:\n      port: emulated",
                "    serial: emulated\n    serial2:\n      port: emulated")));
        c.add(rig("baud is a word", "boards[0].serial.baud", w -> w.rig("baud: 115200", "baud: fast")));
        c.add(rig("activeLow is not a boolean", "boards[0].gpio.reset.activeLow", w -> w.rig("line: 17, activeLow: true",
                "line: 17, activeLow: maybe")));
        c.add(rig("boards has an empty item", "boards[1]", w -> w.rig("  - id: f103-d3\n", "  -\n  - id: f103-d3\n")));
        c.add(rig("boards is empty", "boards", w -> w.write(RIG, "name: x\nboards: []\n")));
        // --- boards ----------------------------------------------------------------------------------------
        c.add(rig("a board without id", "boards[0].id", w -> w.rig("  - id: f103-d1\n", "  - id:\n")));
        c.add(rig("a board id with a path in it", "boards[0].id", w -> w.rig("id: f103-d1", "id: ../f103-d1")));
        c.add(rig("two boards share an id", "boards[1].id", w -> w.rig("id: f103-d3", "id: f103-d1")));
        c.add(rig("an unknown chip", "boards[0].chip", w -> w.rig("chip: STM32F103C8", "chip: STM32F407VG")));
        c.add(rig("an empty chip", "boards[0].chip", w -> w.rig("chip: STM32F103C8", "chip: ~")));
        c.add(rig("no serial port", "boards[0].serial.port", w -> w.rig("      port: emulated", "      port:")));
        c.add(rig("a baud rate typo", "boards[0].serial.baud", w -> w.rig("baud: 115200", "baud: 11520")));
        c.add(rig("a zero baud rate", "boards[0].serial.baud", w -> w.rig("baud: 115200", "baud: 0")));
        c.add(rig("a zero reappear timeout", "boards[0].serial.reappearTimeout", w -> w.rig("      baud: 115200\n",
                "      baud: 115200\n      reappearTimeout: 0s\n")));
        c.add(rig("two hardware boards on one adapter", "boards[1].serial.port", w -> w.replaceAll("port: emulated",
                "port: /dev/serial/by-id/usb-FTDI-if00-port0").rig("gpio: mock", "gpio: gpiod")));
        c.add(rig("no gpio block", "boards[0].gpio", w -> w.rig("""
                    gpio:
                      reset:     { chip: gpiochip0, line: 17, activeLow: true }
                      boot0:     { chip: gpiochip0, line: 27, activeLow: false }
                      updateKey: { chip: gpiochip0, line: 22, activeLow: false }
                """, "")));
        c.add(rig("a null reset line", "boards[0].gpio.reset", w -> w.rig("reset:     { chip: gpiochip0, line: 17, activeLow: true }",
                "reset: ~")));
        c.add(rig("a line without its number", "boards[0].gpio.boot0.line", w -> w.rig("line: 27, ", "")));
        c.add(rig("a negative line", "boards[0].gpio.reset.line", w -> w.rig("line: 17", "line: -1")));
        c.add(rig("an absurd line number", "boards[0].gpio.reset.line", w -> w.rig("line: 17", "line: 9999")));
        c.add(rig("an empty gpio chip name", "boards[0].gpio.reset.chip", w -> w.rig("chip: gpiochip0, line: 17", "chip: '', line: 17")));
        c.add(rig("two signals on one line", "gpiochip0:17", w -> w.rig("line: 27", "line: 17")));
        c.add(rig("one line under two chip names", "gpiochip4:17", w -> w.rig("chip: gpiochip0, line: 27", "chip: gpiochip4, line: 17")));
        c.add(rig("another board's relay line", "boards[1].gpio.reset", w -> w.rig("line: 5,", "line: 23,")));
        c.add(rig("no power block", "boards[0].power", w -> w.rig("""
                    power:
                      relay: { chip: gpiochip0, line: 23, activeLow: true }
                      wiring: normally-closed
                      safeState: unpowered       # idle emulated boards stay off (no CPU); scenarios power them as needed
                """, "")));
        c.add(rig("an unknown relay wiring", "boards[0].power.wiring", w -> w.rig("wiring: normally-closed", "wiring: nc")));
        c.add(rig("an unknown safe state", "boards[0].power.safeState", w -> w.rig("safeState: unpowered", "safeState: off")));
        // --- timing ----------------------------------------------------------------------------------------
        c.add(rig("a zero reset pulse", "boards[0].timing.resetPulse", w -> w.rig("resetPulse: 20ms", "resetPulse: 0ms")));
        c.add(rig("a zero boot timeout", "boards[0].timing.bootTimeout", w -> w.rig("bootTimeout: 3s", "bootTimeout: 0s")));
        c.add(rig("a zero power-off time", "boards[0].timing.powerOff", w -> w.rig("powerOff: 200ms", "powerOff: 0ms")));
        c.add(rig("a reset pulse in minutes", "boards[0].timing.resetPulse", w -> w.rig("resetPulse: 20ms", "resetPulse: 20m")));
        c.add(rig("an absurd boot timeout", "boards[0].timing.bootTimeout", w -> w.rig("bootTimeout: 3s", "bootTimeout: 900m")));
        c.add(rig("an absurd settle time", "boards[0].timing.powerSettle", w -> w.rig("powerSettle: 10ms", "powerSettle: 5m")));
        c.add(rig("an ISO-8601 duration", "boards[0].timing.bootTimeout", w -> w.rig("bootTimeout: 3s", "bootTimeout: PT3S")));
        c.add(rig("an absurd pacing", "boards[1].firmware.pacing", w -> w.rig("pacing: 70ms", "pacing: 70s")));
        // --- providers, protocols, designs -------------------------------------------------------------------
        c.add(rig("an unknown gpio provider", "gpio", w -> w.rig("gpio: mock", "gpio: sysfs")));
        c.add(rig("emulated boards on the gpiod provider", "boards[0].serial.port", w -> w.rig("gpio: mock", "gpio: gpiod")));
        c.add(rig("a protocol typo", "boards[0].firmware.protocol", w -> w.rig("protocol: d1-raw", "protocol: xmodm")));
        c.add(rig("no protocol", "boards[0].firmware.protocol", w -> w.rig("protocol: d1-raw", "protocol:")));
        c.add(rig("an unknown design", "boards[0].firmware.design", w -> w.rig("design: D1", "design: D9")));
        c.add(rig("another board's design name", "boards[0].firmware.design", w -> w.rig("design: D1", "design: D3")));
        c.add(rig("an unknown update entry", "boards[0].firmware.updateEntry", w -> w.rig("updateEntry: app-command", "updateEntry: jtag")));
        c.add(rig("an empty update entry", "boards[0].firmware.updateEntry", w -> w.rig("updateEntry: app-command", "updateEntry: ''")));
        c.add(rig("an app command without the command", "boards[0].firmware.entryCommand", w -> w.rig("      entryCommand: \"update\\r\"\n", "")));
        c.add(rig("key-at-reset without a key line", "boards[2].gpio.updateKey", w -> w.rig("updateEntry: app-download  # the app receives the image into APPBAK",
                "updateEntry: key-at-reset  # the app receives the image into APPBAK")));
        c.add(rig("a banner regex without version groups", "boards[0].firmware.banner", w -> w.rig("      protocol: d1-raw",
                "      banner: '^brickproof D1 app'\n      protocol: d1-raw")));
        c.add(rig("a banner that is no regex", "boards[0].firmware.banner", w -> w.rig("      protocol: d1-raw",
                "      banner: '^brickproof (D1'\n      protocol: d1-raw")));
        // --- provisioning writes and variants ------------------------------------------------------------------
        c.add(rig("a provisioning write without bytes", "boards[0].firmware.provisionWrites.0x0800F000",
                w -> w.rig("\"0x0800F000\": \"0000\"", "\"0x0800F000\":")));
        c.add(rig("a provisioning write at no address", "boards[0].firmware.provisionWrites.flag",
                w -> w.rig("\"0x0800F000\": \"0000\"", "\"flag\": \"0000\"")));
        c.add(rig("a provisioning write of half a program unit", "boards[0].firmware.provisionWrites.0x0800F000",
                w -> w.rig("\"0x0800F000\": \"0000\"", "\"0x0800F000\": \"00\"")));
        c.add(rig("a provisioning write on the app", "boards[0].firmware.provisionWrites.0x08002800",
                w -> w.rig("\"0x0800F000\": \"0000\"", "\"0x08002800\": \"0000\"")));
        c.add(rig("a provisioning write outside flash", "boards[0].firmware.provisionWrites.0x20000000",
                w -> w.rig("\"0x0800F000\": \"0000\"", "\"0x20000000\": \"0000\"")));
        c.add(rig("a variant without a manifest", "boards[0].firmware.variants.as-designed",
                w -> w.rig("as-designed: ../firmware/bin/f103-d1-boot-as-designed.yaml", "as-designed:")));
        c.add(rig("a variant whose manifest is missing", "boards[0].firmware.variants.as-designed",
                w -> w.rig("f103-d1-boot-as-designed.yaml", "f103-d1-boot-as-designd.yaml")));
        c.add(rig("a missing bootloader manifest", "boards[0].firmware.bootloader", w -> w.rig("f103-d1-boot.yaml", "f103-d1-bot.yaml")));
        c.add(rig("no app key", "boards[0].firmware.app", w -> w.rig("      app: ../firmware/bin/f103-d1-app-v1.0.yaml\n", "")));
        // --- images that do not fit the board ----------------------------------------------------------------
        c.add(rig("the update is the provisioned app", "boards[0].firmware.update", w -> w.rig("update: ../firmware/bin/f103-d1-app-v2.0.yaml",
                "update: ../firmware/bin/f103-d1-app-v1.0.yaml")));
        c.add(rig("the app is a bootloader image", "boards[0].firmware.app", w -> w.rig("app: ../firmware/bin/f103-d1-app-v1.0.yaml",
                "app: ../firmware/bin/f103-d1-boot-as-designed.yaml")));
        c.add(rig("the bootloader is an app image", "boards[0].firmware.bootloader", w -> w.rig("bootloader: ../firmware/bin/f103-d1-boot.yaml",
                "bootloader: ../firmware/bin/f103-d1-app-v3.0.yaml")));
        c.add(rig("another design's app as the update", "boards[0].firmware.update", w -> w.rig("f103-d1-app-v2.0.yaml", "f103-d3-app-v2.0.yaml")));
        c.add(rig("another design's bootloader as a variant", "boards[0].firmware.variants.as-designed",
                w -> w.rig("f103-d1-boot-as-designed.yaml", "f103-d5-boot-flag-cleared-early.yaml")));
        c.add(rig("the other chip's image", "boards[0].firmware.update", w -> w.rig("f103-d1-app-v2.0.yaml", "l431-ymodem-app-v2.0.yaml")));
        c.add(rig("an unknown emulated key pin", "boards[0].emulated.key", w -> w.rig("key: PA0", "key: X9")));
        c.add(rig("an emulated key pin past 15", "boards[0].emulated.key", w -> w.rig("key: PA0", "key: PA16")));
        c.add(rig("an unknown key level", "boards[0].emulated.keyPressed", w -> w.rig("keyPressed: high", "keyPressed: up")));
        // --- manifests -------------------------------------------------------------------------------------
        c.add(manifest("a load address off by one", D1_UPDATE, "loadAddress", w -> w.manifest(D1_UPDATE, "0x08002800", "0x08002801")));
        c.add(manifest("a load address one program unit into the app region", D1_UPDATE, "boards[0].firmware.update",
                w -> w.manifest(D1_UPDATE, "0x08002800", "0x08002802")));
        c.add(manifest("an app on top of the bootloader", D1_UPDATE, "boards[0].firmware.update",
                w -> w.manifest(D1_UPDATE, "0x08002800", "0x08000000")));
        c.add(manifest("a load address outside flash", D1_UPDATE, "loadAddress", w -> w.manifest(D1_UPDATE, "0x08002800", "0x08100000")));
        c.add(manifest("a load address that is no number", D1_UPDATE, "loadAddress", w -> w.manifest(D1_UPDATE, "0x08002800", "banana")));
        c.add(manifest("a size that differs from the image", D1_UPDATE, "size", w -> w.manifest(D1_UPDATE, "size: 5220", "size: 5221")));
        c.add(manifest("a sha256 that differs from the image", D1_UPDATE, "sha256", w -> w.manifest(D1_UPDATE, "sha256: 1", "sha256: 2")));
        c.add(manifest("a sha256 that is no hash", D1_UPDATE, "sha256", w -> w.manifestLine(D1_UPDATE, "sha256", "sha256: abc")));
        c.add(manifest("a missing image file", D1_UPDATE, "image", w -> Files.delete(w.bin("f103-d1-app-v2.0.bin"))));
        c.add(manifest("an unknown manifest key", D1_UPDATE, "bannr", w -> w.manifest(D1_UPDATE, "banner:", "bannr:")));
        c.add(manifest("a version without minor", D1_UPDATE, "version", w -> w.manifest(D1_UPDATE, "version: \"2.0\"", "version: \"2\"")));
        c.add(manifest("a version with a prefix", D1_UPDATE, "version", w -> w.manifest(D1_UPDATE, "version: \"2.0\"", "version: \"v2.0\"")));
        c.add(manifest("an unknown role", D1_UPDATE, "role", w -> w.manifest(D1_UPDATE, "role: app", "role: application")));
        c.add(manifest("an empty design", D1_UPDATE, "design", w -> w.manifest(D1_UPDATE, "design: D1", "design:")));
        c.add(manifest("a manifest banner that is no regex", D1_UPDATE, "banner", w -> w.manifestLine(D1_UPDATE, "banner", "banner: '^(v2'")));
        c.add(manifest("another chip named in the manifest", D1_UPDATE, "boards[0].firmware.update",
                w -> w.manifest(D1_UPDATE, "chip: STM32F103C8", "chip: STM32L431RC")));
        c.add(manifest("another design named in the manifest", D1_UPDATE, "boards[0].firmware.update",
                w -> w.manifest(D1_UPDATE, "design: D1", "design: D3")));
        c.add(manifest("the bootloader manifest names another design", D1_BOOT, "boards[0].firmware.design",
                w -> w.manifest(D1_BOOT, "design: D1", "design: D9")));
        c.add(manifest("the other chip's binary under a recomputed sha", D1_UPDATE, "stack pointer",
                w -> w.replaceImage(D1_UPDATE, "f103-d1-app-v2.0.bin", Files.readAllBytes(w.bin("l431-ymodem-app-v2.0.bin")))));
        c.add(manifest("a reset vector outside the image", D1_UPDATE, "reset vector",
                w -> w.patchVector(D1_UPDATE, "f103-d1-app-v2.0.bin", 0x2000_4FF0, 0x0800_0101)));
        c.add(manifest("a reset vector without the Thumb bit", D1_UPDATE, "reset vector",
                w -> w.patchVector(D1_UPDATE, "f103-d1-app-v2.0.bin", 0x2000_4FF0, 0x0800_2A68)));
        c.add(manifest("an initial stack pointer in flash", D1_APP, "stack pointer",
                w -> w.patchVector(D1_APP, "f103-d1-app-v1.0.bin", 0x0800_4FF0, 0x0800_2A69)));
        c.add(manifest("an unknown kind of bad image", D1_BOOT, "rejects.header-flipp",
                w -> w.manifest(D1_BOOT, "  header-flip: BRICKED", "  header-flipp: BRICKED")));
        c.add(manifest("an unknown outcome for a bad image", D1_BOOT, "rejects.header-flip",
                w -> w.manifest(D1_BOOT, "  header-flip: BRICKED", "  header-flip: REFUSED")));
        c.add(manifest("RESUMES promised for a bad image", D1_BOOT, "rejects.downgrade",
                w -> w.manifest(D1_BOOT, "  downgrade: NEW_BOOTS", "  downgrade: RESUMES")));
        c.add(manifest("a bad-image outcome left empty", D1_BOOT, "rejects.truncated",
                w -> w.manifest(D1_BOOT, "  truncated: CORRUPTED", "  truncated:")));
        c.add(manifest("an unknown kind of failed boot", D1_BOOT, "rollback.crashh",
                w -> w.manifest(D1_BOOT, "  crash: BRICKED", "  crashh: OLD_BOOTS")));
        c.add(manifest("an unknown outcome for a failed boot", D1_BOOT, "rollback.crash",
                w -> w.manifest(D1_BOOT, "  crash: BRICKED", "  crash: REVERTED")));
        c.add(manifest("RESUMES promised for a failed boot", D1_BOOT, "rollback.hang",
                w -> w.manifest(D1_BOOT, "  hang: BRICKED", "  hang: RESUMES")));
        c.add(manifest("a rollback outcome left empty", D1_BOOT, "rollback.no-confirm",
                w -> w.manifest(D1_BOOT, "  no-confirm: NEW_BOOTS", "  no-confirm:")));
        c.add(manifest("rollback promised by an app", D1_UPDATE, "rollback",
                w -> w.manifest(D1_UPDATE, "role: app", "role: app\nrollback:\n  crash: OLD_BOOTS")));
        c.add(manifest("an outcome left empty", D1_BOOT, "expectedOutcome.transfer",
                w -> w.manifest(D1_BOOT, "transfer: RESUMES", "transfer:")));
        c.add(manifest("an unknown outcome", D1_BOOT, "expectedOutcome.transfer", w -> w.manifest(D1_BOOT, "transfer: RESUMES", "transfer: FINE")));
        c.add(manifest("an unknown phase", D1_BOOT, "expectedOutcome.transfr", w -> w.manifest(D1_BOOT, "transfer: RESUMES", "transfr: RESUMES")));
        c.add(manifest("expectedOutcome as a flow mapping with no value", D1_BOOT, "expectedOutcome.transfer",
                w -> w.manifestBlock(D1_BOOT, "expectedOutcome:", "layout:", "expectedOutcome: {transfer: }\n")));
        c.add(manifest("a layout bound ~", D1_BOOT, "layout.app", w -> w.manifest(D1_BOOT, "app: [\"0x08002800\", \"0x0800F000\"]",
                "app: [\"0x08002800\", ~]")));
        c.add(manifest("a layout region with one bound", D1_BOOT, "layout.flag", w -> w.manifest(D1_BOOT, "flag: [\"0x0800F000\", \"0x0800F400\"]",
                "flag: [\"0x0800F000\"]")));
        c.add(manifest("overlapping layout regions", D1_BOOT, "layout.app", w -> w.manifest(D1_BOOT, "app: [\"0x08002800\"", "app: [\"0x08002400\"")));
        c.add(manifest("a layout region off the erase pages", D1_BOOT, "layout.flag", w -> w.manifest(D1_BOOT, "\"0x0800F400\"]", "\"0x0800F500\"]")));
        c.add(manifest("a layout region outside flash", D1_BOOT, "layout.flag", w -> w.manifest(D1_BOOT, "\"0x0800F400\"]", "\"0x08010400\"]")));
        c.add(manifest("a layout without the app region", D1_BOOT, "boards[0].firmware.bootloader",
                w -> w.manifest(D1_BOOT, "  app: [\"0x08002800\", \"0x0800F000\"]\n", "")));
        c.add(manifest("a bootloader region away from the boot address", D1_BOOT, "boards[0].firmware.bootloader",
                w -> w.manifest(D1_BOOT, "bootloader: [\"0x08000000\"", "bootloader: [\"0x08000400\"")));
        c.add(manifest("a bootloader larger than its region", D1_BOOT, "boards[0].firmware.bootloader",
                w -> w.manifest(D1_BOOT, "bootloader: [\"0x08000000\", \"0x08002800\"]", "bootloader: [\"0x08000000\", \"0x08000400\"]")));
        c.add(manifest("a variant bootloader built for another address", D1_VARIANT, "boards[0].firmware.variants.as-designed",
                w -> w.manifest(D1_VARIANT, "loadAddress: \"0x08000000\"", "loadAddress: \"0x08000400\"")));
        c.add(manifest("a manifest indented with a tab", D1_UPDATE, "line 3, column 1", w -> w.manifest(D1_UPDATE, "chip: STM32F103C8", "\tchip: STM32F103C8")));
        c.add(manifest("a manifest with a duplicate key", D1_UPDATE, "duplicate key 'version'",
                w -> w.manifest(D1_UPDATE, "version: \"2.0\"", "version: \"2.0\"\nversion: \"3.0\"")));
        c.add(manifest("an empty manifest", D1_UPDATE, "(file)", w -> w.write(D1_UPDATE, "")));
        c.add(manifest("a manifest that is a list", D1_UPDATE, "(top level)", w -> w.write(D1_UPDATE, "- image\n")));
        return c;
    }

    @DataProvider(name = "cases")
    public static Object[][] rows() {
        return cases().stream().map(c -> new Object[] {c}).toArray(Object[][]::new);
    }

    @Test
    public void theTableHasAtLeastSixtyDistinctCases() {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        assertThat(cases.stream().map(Case::name).distinct().count()).isEqualTo(cases.size());
    }

    @Test
    public void theUnbrokenCopyLoads() throws IOException {
        Workspace w = Workspace.create();
        assertThat(new RigFileLoader(w.dir.resolve("runs")).load(w.rigFile()).boards()).hasSize(9);
    }

    @Test(dataProvider = "cases")
    public void aBrokenConfigurationFailsAtLoadNamingFileKeyAndFix(Case c) throws IOException {
        Workspace w = Workspace.create();
        c.mutation().apply(w);
        Throwable thrown = catchThrowable(() -> new RigFileLoader(w.dir.resolve("runs")).load(w.rigFile()));

        assertThat(thrown).as(c.name()).isInstanceOf(RigConfigurationException.class);
        assertThat(ExitStatus.of(thrown)).as(c.name() + ": " + thrown.getMessage()).isEqualTo(ExitStatus.CONFIGURATION_ERROR);
        assertThat(thrown.getMessage()).as(c.name())
                .contains(c.file())
                .contains(c.key())
                .containsPattern("Fix: \\S");
        assertThat(Arrays.stream(thrown.getStackTrace()).map(StackTraceElement::getClassName))
                .as("%s: thrown while loading, before any driver or board exists", c.name())
                .anyMatch(name -> name.equals(RigFileLoader.class.getName()))
                .noneMatch(name -> name.equals("dev.brickproof.rig.Rig") || name.startsWith("dev.brickproof.rig.driver.")
                        || name.startsWith("dev.brickproof.rig.link.") || name.startsWith("dev.brickproof.rig.emulated."));
    }

    /**
     * Beyond the table: seeded random edits of the default rig file (a line deleted, doubled or moved, a character
     * inserted, the file cut short, a value emptied). Each edited file either loads or fails with a configuration
     * error; nothing else (NullPointerException, IndexOutOfBounds, a parser's own exception) may escape the loader.
     */
    @Test
    public void randomEditsOfTheDefaultRigLoadOrFailAsConfigurationErrors() throws IOException {
        assertThat(randomEdits(RIG, 150, 14)).as("edits that broke the file").isGreaterThan(40);
    }

    @Test
    public void randomEditsOfABootloaderManifestLoadOrFailAsConfigurationErrors() throws IOException {
        assertThat(randomEdits(D1_BOOT, 100, 12)).as("edits that broke the file").isGreaterThan(25);
    }

    /** Applies {@code count} seeded random edits to {@code target}, one at a time; returns how many failed to load. */
    private static int randomEdits(String target, int count, long seed) throws IOException {
        Workspace w = Workspace.create();
        String original = w.read(target);
        String[] lines = original.split("\n", -1);
        java.util.Random random = new java.util.Random(seed);
        String inserts = ":-\t\"'&*[]{}~#| ,!%@`\u00e9\u0000";
        int failures = 0;
        for (int i = 0; i < count; i++) {
            List<String> edited = new ArrayList<>(Arrays.asList(lines));
            int at = random.nextInt(edited.size());
            String text = switch (random.nextInt(6)) {
                case 0 -> {
                    edited.remove(at);
                    yield String.join("\n", edited);
                }
                case 1 -> {
                    edited.add(at, edited.get(at));
                    yield String.join("\n", edited);
                }
                case 2 -> {
                    edited.add(random.nextInt(edited.size()), edited.remove(at));
                    yield String.join("\n", edited);
                }
                case 3 -> {
                    String line = edited.get(at);
                    int col = line.isEmpty() ? 0 : random.nextInt(line.length() + 1);
                    edited.set(at, line.substring(0, col) + inserts.charAt(random.nextInt(inserts.length()))
                            + line.substring(col));
                    yield String.join("\n", edited);
                }
                case 4 -> original.substring(0, random.nextInt(original.length()));
                default -> {
                    String line = edited.get(at);
                    int colon = line.indexOf(": ");
                    edited.set(at, colon < 0 ? line : line.substring(0, colon + 2) + (random.nextBoolean() ? "~" : ""));
                    yield String.join("\n", edited);
                }
            };
            w.write(target, text);
            try {
                new RigFileLoader(w.dir.resolve("runs")).load(w.rigFile());
            } catch (RigConfigurationException e) {
                failures++;
                assertThat(e.getMessage()).as("edit %d:%n%s", i, text).containsAnyOf(RIG, target).contains("Fix: ");
            } catch (RuntimeException e) {
                throw new AssertionError("edit " + i + " escaped as " + e + " for:\n" + text, e);
            }
        }
        return failures;
    }

    /** A copy of the default rig and the manifests and images it references, to break one thing in. */
    static final class Workspace {
        final Path dir;

        private Workspace(Path dir) {
            this.dir = dir;
        }

        static Workspace create() throws IOException {
            Path dir = Files.createTempDirectory("bad-config");
            Files.createDirectories(dir.resolve("rigs"));
            Files.copy(ROOT.resolve("fixtures/rigs/emulated.yaml"), dir.resolve("rigs").resolve(RIG));
            Path bin = Files.createDirectories(dir.resolve("firmware/bin"));
            try (Stream<Path> files = Files.list(ROOT.resolve("fixtures/firmware/bin"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, bin.resolve(f.getFileName()));
                }
            }
            return new Workspace(dir);
        }

        Path rigFile() {
            return dir.resolve("rigs").resolve(RIG);
        }

        Path bin(String name) {
            return dir.resolve("firmware/bin").resolve(name);
        }

        private Path file(String name) {
            return RIG.equals(name) ? rigFile() : bin(name);
        }

        /** Replaces the first occurrence of {@code from} in the rig file, which must contain it. */
        Workspace rig(String from, String to) {
            return edit(RIG, from, to);
        }

        Workspace replaceAll(String from, String to) {
            String text = read(RIG);
            assertThat(text).contains(from);
            write(RIG, text.replace(from, to));
            return this;
        }

        void append(String text) {
            write(RIG, read(RIG) + text);
        }

        void manifest(String name, String from, String to) {
            edit(name, from, to);
        }

        /** Replaces the whole line starting with {@code key:}. */
        void manifestLine(String name, String key, String line) {
            String text = read(name);
            Matcher m = Pattern.compile("(?m)^" + key + ":.*$").matcher(text);
            assertThat(m.find()).as(key + " in " + name).isTrue();
            write(name, text.substring(0, m.start()) + line + text.substring(m.end()));
        }

        /** Replaces the lines from the one starting with {@code from} up to (not including) {@code until}. */
        void manifestBlock(String name, String from, String until, String replacement) {
            String text = read(name);
            int a = text.indexOf(from);
            int b = text.indexOf(until, a);
            assertThat(a).isNotNegative();
            assertThat(b).isGreaterThan(a);
            write(name, text.substring(0, a) + replacement + text.substring(b));
        }

        /** Writes other bytes as the image and reseals the manifest (size and sha256), as a careless rebuild would. */
        void replaceImage(String manifest, String image, byte[] bytes) throws IOException {
            Files.write(bin(image), bytes);
            manifestLine(manifest, "size", "size: " + bytes.length);
            manifestLine(manifest, "sha256", "sha256: " + FirmwareManifests.sha256(bytes));
        }

        /** Rewrites the image's first two words (initial SP, reset vector) and reseals the manifest. */
        void patchVector(String manifest, String image, int sp, int reset) throws IOException {
            byte[] bytes = Files.readAllBytes(bin(image));
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(sp).putInt(reset);
            replaceImage(manifest, image, bytes);
        }

        private Workspace edit(String name, String from, String to) {
            String text = read(name);
            assertThat(text).as(name).contains(from);
            int i = text.indexOf(from);
            write(name, text.substring(0, i) + to + text.substring(i + from.length()));
            return this;
        }

        String read(String name) {
            try {
                return Files.readString(file(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void write(String name, String text) {
            try {
                Files.writeString(file(name), text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
