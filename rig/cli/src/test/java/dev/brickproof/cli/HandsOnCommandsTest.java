package dev.brickproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brickproof.rig.link.pty.PseudoTerminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testng.annotations.Test;

/** The hands-on commands against emulated boards (ROM bootloader model) and a pty standing in for a USB adapter. */
public class HandsOnCommandsTest {
    private static final String RIG = ChildCli.ROOT.resolve("fixtures/rigs/emulated.yaml").toString();

    private static String[] run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--lease-dir";
        all[1] = Files.createTempDirectory("leases").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Brickproof.run(all, new PrintWriter(out, true), new PrintWriter(err, true),
                Path.of("").toAbsolutePath(), false);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    public void infoAsksTheRomBootloaderForTheChipFlashSizeAndOptionBytes() throws Exception {
        String[] r = run("--rig", RIG, "--board", "l431-ymodem", "--lockstep", "info", "--json");
        JsonNode json = new ObjectMapper().readTree(r[1]);
        assertThat(json.path("productId").asText()).as(r[2]).isEqualTo("0x435");
        assertThat(json.path("flashKiB").asInt()).isEqualTo(256);
        assertThat(json.path("optionBytes").asText()).hasSize(32);
        assertThat(r[0]).isEqualTo("0");
    }

    @Test
    public void flashWriteVerifiesWhatItWroteAndReadReadsBack() throws Exception {
        Path dir = Files.createTempDirectory("flash");
        Path image = ChildCli.ROOT.resolve("fixtures/firmware/bin/f103-d1-boot.bin");
        String[] w = run("--rig", RIG, "--board", "f103-d1", "--lockstep", "flash", "write", "--in", image.toString(),
                "--address", "0x08000000", "--json");
        assertThat(w[0]).as(w[1] + w[2]).isEqualTo("0");
        assertThat(new ObjectMapper().readTree(w[1]).path("bytes").asInt()).isEqualTo((int) Files.size(image));

        Path back = dir.resolve("back.bin");
        String[] r = run("--rig", RIG, "--board", "f103-d1", "--lockstep", "flash", "read", "--address", "0x08000000",
                "--length", "64", "--out", back.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(Files.readAllBytes(back)).hasSize(64);   // a fresh emulator: erased flash
        assertThat(Files.readAllBytes(back)).containsOnly((byte) 0xFF);
    }

    @Test
    public void flashWithoutItsOptionsIsAUsageError() throws Exception {
        String[] r = run("--rig", RIG, "--board", "f103-d1", "--lockstep", "flash", "read");
        assertThat(r[0]).isEqualTo("64");
        assertThat(r[2]).contains("--length");
    }

    @Test
    public void powerResetAndBoot0DriveTheBoardsPins() throws Exception {
        String[] p = run("--rig", RIG, "--board", "f103-d3", "--lockstep", "power", "on", "--json");
        assertThat(new ObjectMapper().readTree(p[1]).path("powered").asBoolean()).as(p[2]).isTrue();
        String[] off = run("--rig", RIG, "--board", "f103-d3", "--lockstep", "power", "off", "--json");
        assertThat(new ObjectMapper().readTree(off[1]).path("powered").asBoolean()).isFalse();
        assertThat(run("--rig", RIG, "--board", "f103-d3", "--lockstep", "reset")[0]).isEqualTo("0");
        String[] b = run("--rig", RIG, "--board", "f103-d3", "--lockstep", "boot0", "on");
        assertThat(b[1]).contains("BOOT0 high");
        assertThat(run("--rig", RIG, "--board", "f103-d3", "--lockstep", "boot0", "sideways")[0]).isEqualTo("64");
    }

    @Test
    public void theConsolePassesBytesBothWaysAndKeepsThemInTheTranscript() throws Exception {
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
                        power:
                          relay: { line: 23, activeLow: true }
                          wiring: normally-closed
                          safeState: powered
                    """.formatted(adapter.link().orElseThrow()));
            Thread device = new Thread(() -> {
                byte[] got = new byte[64];
                int n = adapter.read(got, 0, got.length, Duration.ofSeconds(5));
                String typed = n > 0 ? new String(got, 0, n, StandardCharsets.US_ASCII) : "";
                byte[] reply = ("device heard: " + typed.trim() + "\r\n").getBytes(StandardCharsets.US_ASCII);
                adapter.write(reply, 0, reply.length, Duration.ofSeconds(1));
            });
            device.start();
            String[] r = run("--rig", file.toString(), "--board", "b1", "console", "--send", "version\\r", "--for",
                    "2s", "--json");
            device.join(5000);
            JsonNode json = new ObjectMapper().readTree(r[1]);
            assertThat(json.path("received").asText()).as(r[2]).contains("device heard: version");
            assertThat(Files.readString(Path.of(json.path("transcript").asText()))).contains("device heard: version");
            assertThat(r[0]).isEqualTo("0");
        }
    }
}
