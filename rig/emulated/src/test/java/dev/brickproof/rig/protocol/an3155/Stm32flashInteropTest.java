package dev.brickproof.rig.protocol.an3155;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.Chip;
import dev.brickproof.rig.link.pty.TtyLink;
import dev.brickproof.rig.protocol.PeerProcess;
import dev.brickproof.rig.time.Deadline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Debian stm32flash 0.7 against our ROM bootloader model over a real pty, cross-checked with our own
 * AN3155 client: whatever one writes, the other reads back identically, and both match the model's flash.
 */
public class Stm32flashInteropTest {

    @DataProvider
    public Object[][] chips() {
        return new Object[][] {{Chip.STM32F103C8, 0x0800_0000}, {Chip.STM32L431RC, 0x0800_7800}};
    }

    private static byte[] image(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static String hex(int v) {
        return String.format("0x%08X", v);
    }

    private static PeerProcess stm32flash(Path dir, RomServer server, String... args) throws Exception {
        // -m 8n1: the Linux pty driver forces CS8 and clears PARENB (pty_set_termios), and stm32flash refuses a
        // port whose flags read back differently ("Failed to set terminal flags"); a pty has no parity anyway.
        List<String> command = new java.util.ArrayList<>(List.of("stm32flash", "-b", "115200", "-m", "8n1"));
        command.addAll(List.of(args));
        command.add(server.slavePath().toString());
        return PeerProcess.start(command, dir);
    }

    @Test(dataProvider = "chips")
    public void stm32flashWritesAndVerifiesAnImageThatOurClientReadsBackIdentically(Chip chip, int base)
            throws Exception {
        PeerProcess.require("stm32flash", "stm32flash");
        byte[] data = image(48 * 1024 + 5, chip.ordinal());
        Path dir = Files.createTempDirectory("stm32flash");
        Files.write(dir.resolve("image.bin"), data);
        try (RomServer server = new RomServer(chip)) {
            try (PeerProcess writer = stm32flash(dir, server, "-w", "image.bin", "-v", "-S", hex(base))) {
                int rc = writer.await(Duration.ofSeconds(60));
                assertThat(rc).as("stm32flash -w exit code; output:\n%s", writer.log()).isZero();
                assertThat(writer.log()).contains("Wrote and verified");
            }
            byte[] flash = server.target.flash();
            int offset = base - chip.flashBase();
            assertThat(Arrays.copyOfRange(flash, offset, offset + data.length)).isEqualTo(data);

            server.pulse(); // BOOT0 still high: back into the loader
            try (TtyLink link = TtyLink.open(server.slavePath());
                 An3155Client rom = new An3155Client(link, null, null, chip, An3155Options.defaults(), null)) {
                Deadline d = link.clock().deadlineAfter(Duration.ofSeconds(30), "read back");
                rom.connect(d);
                assertThat(rom.read(base, data.length, d)).isEqualTo(data);
            }
        }
    }

    @Test(dataProvider = "chips")
    public void ourClientWritesAnImageThatStm32flashReadsBackIdentically(Chip chip, int base) throws Exception {
        PeerProcess.require("stm32flash", "stm32flash");
        byte[] data = image(48 * 1024 + 8, 100 + chip.ordinal());
        Path dir = Files.createTempDirectory("stm32flash");
        try (RomServer server = new RomServer(chip)) {
            try (TtyLink link = TtyLink.open(server.slavePath());
                 An3155Client rom = new An3155Client(link, server, server, chip, An3155Options.defaults(), null)) {
                Deadline d = link.clock().deadlineAfter(Duration.ofSeconds(30), "provision");
                rom.connect(d);
                rom.eraseRange(base, data.length, d);
                rom.write(base, data, d);
            }
            server.selectRomBootloader();
            server.pulse();
            try (PeerProcess reader = stm32flash(dir, server, "-r", "back.bin", "-S", hex(base) + ":" + data.length)) {
                int rc = reader.await(Duration.ofSeconds(60));
                assertThat(rc).as("stm32flash -r exit code; output:\n%s", reader.log()).isZero();
            }
            assertThat(Files.readAllBytes(dir.resolve("back.bin"))).isEqualTo(data);
        }
    }

    @Test
    public void stm32flashRecoversASessionLeftOpenByAnotherTool() throws Exception {
        PeerProcess.require("stm32flash", "stm32flash");
        Path dir = Files.createTempDirectory("stm32flash");
        try (RomServer server = new RomServer(Chip.STM32F103C8)) {
            try (TtyLink link = TtyLink.open(server.slavePath())) {
                new An3155Client(link, null, null, Chip.STM32F103C8, An3155Options.defaults(), null)
                        .connect(link.clock().deadlineAfter(Duration.ofSeconds(5), "connect"));
            }
            // no reset: stm32flash's 0x7F now meets a synced loader and must use the NACK rule
            try (PeerProcess reader = stm32flash(dir, server, "-r", "head.bin", "-S", "0x08000000:256")) {
                int rc = reader.await(Duration.ofSeconds(30));
                assertThat(rc).as("output:\n%s", reader.log()).isZero();
            }
            assertThat(Files.readAllBytes(dir.resolve("head.bin"))).hasSize(256).containsOnly((byte) 0xFF);
        }
    }
}
