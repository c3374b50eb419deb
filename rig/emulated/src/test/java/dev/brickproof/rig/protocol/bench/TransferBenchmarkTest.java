package dev.brickproof.rig.protocol.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.Chip;
import dev.brickproof.rig.link.pty.PseudoTerminal;
import dev.brickproof.rig.link.pty.PtyLink;
import dev.brickproof.rig.link.pty.TtyLink;
import dev.brickproof.rig.protocol.PeerProcess;
import dev.brickproof.rig.protocol.an3155.An3155Client;
import dev.brickproof.rig.protocol.an3155.An3155Options;
import dev.brickproof.rig.protocol.gizwits.GizwitsOtaClient;
import dev.brickproof.rig.protocol.gizwits.GizwitsOtaOptions;
import dev.brickproof.rig.protocol.gizwits.GizwitsOtaResult;
import dev.brickproof.rig.protocol.iap.FlagWordIapClient;
import dev.brickproof.rig.protocol.iap.FlagWordIapOptions;
import dev.brickproof.rig.protocol.iap.IapResult;
import dev.brickproof.rig.protocol.iap.KeyAtResetIapClient;
import dev.brickproof.rig.protocol.iap.KeyAtResetIapOptions;
import dev.brickproof.rig.protocol.tobudos.OtaImage;
import dev.brickproof.rig.protocol.ymodem.YmodemFile;
import dev.brickproof.rig.protocol.ymodem.YmodemOptions;
import dev.brickproof.rig.protocol.ymodem.YmodemReceiver;
import dev.brickproof.rig.protocol.ymodem.YmodemResult;
import dev.brickproof.rig.protocol.ymodem.YmodemSender;
import dev.brickproof.rig.time.Deadline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.testng.SkipException;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The transfer benchmark of issue 3 ({@code ./mvnw -B -Pbench verify}; skipped unless surefire passes
 * {@code brickproof.bench=true}, which the parent pom's {@code bench} profile does). Writes
 * {@code reports/bench/transfer.json} and prints a table.
 *
 * <p><b>YMODEM sender vs lrzsz {@code sb -k}</b> (real time): the same 48 KiB file, the same receiver (our
 * {@link YmodemReceiver} on a pty master whose input is paced to 115200 8N1 by {@link LineRateLink}; ACKs go
 * back unpaced), the same run: one warm-up transfer each (not counted), then {@code -Dbench.transferRuns}
 * (default 5) repetitions of each, interleaved with alternating order.
 * Time = from the receiver's first 'C' to the end-of-batch block; we report min and median, and the ratio of
 * medians (and of minima) ours / sb.
 *
 * <p><b>Each design's upgrade vs its floor</b> (virtual time on the emulated board in lockstep, both wire
 * directions paced at the board's line rate; the host reacts in zero virtual time): from the host's first
 * update action (the console command, the key + reset, or BOOT0 + reset) to the new version's banner. See
 * {@link UpgradeMeasurement} for the floor.
 */
public class TransferBenchmarkTest {
    private static final int BAUD = UpgradeMeasurement.BAUD;
    private static final int SIZE = 48 * 1024;

    private final List<YmodemSample> ours = new ArrayList<>();
    private final List<YmodemSample> sb = new ArrayList<>();
    private final List<UpgradeMeasurement> upgrades = new ArrayList<>();

    private record YmodemSample(double seconds, int resends) {
    }

    @BeforeClass
    public void onlyWhenBenchmarking() {
        if (!Boolean.getBoolean("brickproof.bench")) {
            throw new SkipException("benchmark: run with ./mvnw -B -Pbench verify (sets brickproof.bench=true)");
        }
    }

    // ---- YMODEM: our sender vs lrzsz sb ----

    private static Duration receive(PtyLink master, byte[] expected) {
        LineRateLink wire = new LineRateLink(master, BAUD, 10);
        YmodemReceiver receiver = new YmodemReceiver(wire, YmodemOptions.defaults()
                .withRequestInterval(Duration.ofMillis(500)), null);
        long start = System.nanoTime();
        YmodemFile file = receiver.receive(wire.clock().deadlineAfter(Duration.ofSeconds(60), "bench receive"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(file.data()).isEqualTo(expected);
        return took;
    }

    private static YmodemSample ourSender(byte[] data, ExecutorService pool) throws Exception {
        try (PtyLink master = new PtyLink(PseudoTerminal.open());
             TtyLink slave = TtyLink.open(master.pty().slavePath())) {
            Future<YmodemResult> sent = pool.submit(() -> new YmodemSender(slave, YmodemOptions.defaults(), null)
                    .send("bench.bin", data, slave.clock().deadlineAfter(Duration.ofSeconds(60), "bench send")));
            Duration took = receive(master, data);
            return new YmodemSample(took.toNanos() / 1e9, sent.get(30, TimeUnit.SECONDS).resends());
        }
    }

    private static YmodemSample lrzszSb(byte[] data, Path dir) throws Exception {
        try (PtyLink master = new PtyLink(PseudoTerminal.open());
             PeerProcess peer = PeerProcess.onStdio(List.of("sb", "-k", "bench.bin"), dir, master.pty().slavePath())) {
            Duration took = receive(master, data);
            assertThat(peer.await(Duration.ofSeconds(10))).as("sb exit code; log:\n%s", peer.log()).isZero();
            return new YmodemSample(took.toNanos() / 1e9, -1);
        }
    }

    @Test
    public void ourYmodemSenderAgainstLrzszSbOnTheSameLineModel() throws Exception {
        PeerProcess.require("sb", "lrzsz");
        byte[] data = new byte[SIZE];
        new Random(48).nextBytes(data);
        Path dir = Files.createTempDirectory("bench");
        Files.write(dir.resolve("bench.bin"), data);
        int runs = Integer.getInteger("bench.transferRuns", 5);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // warm-up, not counted: the first transfer in this JVM pays class loading and JIT (~150 ms)
            ourSender(data, pool);
            lrzszSb(data, dir);
            for (int i = 0; i < runs; i++) {
                // alternate who goes first, so neither always runs right after the other
                if (i % 2 == 0) {
                    ours.add(ourSender(data, pool));
                    sb.add(lrzszSb(data, dir));
                } else {
                    sb.add(lrzszSb(data, dir));
                    ours.add(ourSender(data, pool));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ours).hasSize(runs);
        assertThat(sb).hasSize(runs);
    }

    // ---- each design's upgrade vs its floor ----

    /** The design's v2 app followed by deterministic filler up to {@code size} bytes (the app ignores it). */
    private static byte[] padded(String app, int size) {
        byte[] v2 = BenchBoard.image(app);
        byte[] out = Arrays.copyOf(v2, size);
        byte[] filler = new byte[size - v2.length];
        new Random(size).nextBytes(filler);
        System.arraycopy(filler, 0, out, v2.length, filler.length);
        return out;
    }

    private static String imageNote(String app, int size) {
        return app + " (" + BenchBoard.image(app).length + " bytes) + pseudo-random filler to " + size + " bytes";
    }

    @Test
    public void d1FlagWordUpgrade() {
        String app = "f103-d1-app-v2.0.bin";
        byte[] image = padded(app, SIZE);
        try (BenchBoard b = new BenchBoard(Chip.STM32F103C8).boot("f103-d1-boot.bin", "0x08000000",
                "f103-d1-app-v1.0.bin", "0x08002800")) {
            b.board.programFlash(0x0800_F000, new byte[] {0, 0});
            b.await("D1 app v1\\.0", 5);
            b.settle();
            BenchBoard.Window w = b.window();
            b.say("update");
            IapResult result = new FlagWordIapClient(b.link, FlagWordIapOptions.defaults()
                    .withReady(Pattern.compile("D1: update mode"), Duration.ofSeconds(3)), null)
                    .upload(image, b.deadline(30, "D1 update"));
            assertThat(result.bytesConfirmed()).isEqualTo(image.length);
            b.await("brickproof D1 app v2\\.0", 10);
            upgrades.add(UpgradeMeasurement.of("D1 flag-word raw", "STM32F103C8", "FlagWordIapClient", image.length,
                    imageNote(app, SIZE), w, 10,
                    "'update' command + FF <pages> AA + raw image, 8N1",
                    "the erase of all pages after FF n AA comes before the image (serialised by the protocol); the "
                            + "bootloader programs each half-word while the next bytes arrive, so the additive floor "
                            + "over-counts programming and the ratio is below 1; against wire + erase it is ratio*"));
            assertThat(b.board.readMemory(0x0800_2800, image.length)).isEqualTo(image);
        }
    }

    @Test
    public void d3KeyAtResetUpgrade() {
        String app = "f103-d3-app-v2.0.bin";
        byte[] image = padded(app, SIZE);
        try (BenchBoard b = new BenchBoard(Chip.STM32F103C8).boot("f103-d3-boot.bin", "0x08000000",
                "f103-d3-app-v1.0.bin", "0x08002000")) {
            b.await("D3 app v1\\.0", 5);
            BenchBoard.Window w = b.window();
            IapResult result = new KeyAtResetIapClient(b.link, b, b, KeyAtResetIapOptions.defaults()
                    .withResetAfter(Pattern.compile("brickproof D3 app v2\\.0"), Duration.ofSeconds(5)), null)
                    .upload(image, b.deadline(60, "D3 update"));
            assertThat(result.bytesConfirmed()).isEqualTo(image.length);
            upgrades.add(UpgradeMeasurement.of("D3 key-at-reset raw", "STM32F103C8", "KeyAtResetIapClient",
                    image.length, imageNote(app, SIZE), w, 10, "raw image, 8N1 (no framing)",
                    "serialised by the protocol: no flow control, so the host pauses 60 ms after every 1024 bytes "
                            + "while the F103 erases the next page (core stalled, 1-byte UART buffer), and the end "
                            + "of image is 100 ms of line silence; then a reset"));
            assertThat(b.board.readMemory(0x0800_2000, image.length)).isEqualTo(image);
        }
    }

    @Test
    public void stStyleYmodemUpgrade() {
        String app = "f103-ymodem-app-v2.0.bin";
        byte[] image = padded(app, SIZE);
        try (BenchBoard b = new BenchBoard(Chip.STM32F103C8).boot("f103-ymodem-boot.bin", "0x08000000",
                "f103-ymodem-app-v1.0.bin", "0x08003000")) {
            b.await("YMODEM app v1\\.0", 5);
            b.settle();
            BenchBoard.Window w = b.window();
            b.say("update");
            b.await("Execute the loaded", 3);
            b.console.write('1');
            YmodemResult result = new YmodemSender(b.link, YmodemOptions.defaults(), null)
                    .send("app.bin", image, b.deadline(60, "YMODEM download"));
            assertThat(result.resends()).isZero();
            b.await("completed successfully", 5);
            b.await("Execute the loaded", 3);
            b.console.write('3');
            b.await("brickproof YMODEM app v2\\.0", 5);
            upgrades.add(UpgradeMeasurement.of("ST-style YMODEM IAP", "STM32F103C8", "YmodemSender",
                    image.length, imageNote(app, SIZE), w, 10,
                    "'update' + menu '1' + YMODEM-1K (128-byte header, 1029-byte STX blocks, EOT, empty block 0) "
                            + "+ menu '3', 8N1",
                    "stop-and-wait YMODEM: the bootloader erases the page a block reaches, programs the block and "
                            + "checks it (CRC-16 and copy at its core clock, ~26 ms per block on the F103 model) "
                            + "before it ACKs, and the sender may not send the next block before that ACK; none of "
                            + "the device's CPU time is in the floor (see residualSeconds), nor the menu prompts"));
            assertThat(b.board.readMemory(0x0800_3000, image.length)).isEqualTo(image);
        }
    }

    @Test
    public void d4TobudosOtaUpgrade() {
        String app = "l431-d4ip-app-v2.0.bin";
        byte[] image = padded(app, SIZE);
        try (BenchBoard b = new BenchBoard(Chip.STM32L431RC).boot("l431-d4ip-boot.bin", "0x08000000",
                "l431-d4ip-app-v1.0.bin", "0x08007800")) {
            b.await("D4-IP app v1\\.0", 5);
            byte[] ota = OtaImage.of(2, 0, image, 1, 0, BenchBoard.image("l431-d4ip-app-v1.0.bin")).encode();
            b.settle();
            BenchBoard.Window w = b.window();
            b.say("update");
            b.await("YMODEM-1K", 3);
            YmodemResult result = new YmodemSender(b.link, YmodemOptions.defaults(), null)
                    .send("ota.bin", ota, b.deadline(60, "D4 download"));
            assertThat(result.resends()).isZero();
            b.await("brickproof D4-IP app v2\\.0", 30);
            upgrades.add(UpgradeMeasurement.of("D4 TobudOS OTA (in-place)", "STM32L431RC", "YmodemSender",
                    image.length, imageNote(app, SIZE) + "; sent as a " + ota.length + "-byte OTA image (21-byte header)",
                    w, 10, "'update' + YMODEM-1K of the OTA image, 8N1",
                    "both flash passes the design needs are in the floor (download into the OTA partition, then "
                            + "the bootloader's page-by-page copy into the app area with KV records); not in it: "
                            + "stop-and-wait YMODEM makes the app's CPU time per block before each ACK (CRC-16 and "
                            + "copy, ~36 ms per 1 KiB block on the L431 model) serial with the wire, then the CRC "
                            + "checks over the OTA image and the app, and two resets"));
            assertThat(b.board.readMemory(0x0800_7800, image.length)).isEqualTo(image);
        }
    }

    @Test
    public void d5GizwitsUpgrade() {
        String app = "f103-d5-app-v2.0.bin";
        int size = 0x0801_0000 - 0x0800_9800; // APPBAK: 26 KiB, the largest image the design can take
        byte[] image = padded(app, size);
        try (BenchBoard b = new BenchBoard(Chip.STM32F103C8).boot("f103-d5-boot.bin", "0x08000000",
                "f103-d5-app-v1.0.bin", "0x08003000")) {
            b.await("D5 app v1\\.0", 5);
            b.settle();
            BenchBoard.Window w = b.window();
            b.say("update");
            b.await("\\(0x19\\)", 3);
            GizwitsOtaResult result = new GizwitsOtaClient(b.link, GizwitsOtaOptions.defaults()
                    .withReadyTimeout(Duration.ofSeconds(10)), null).upload(image, b.deadline(120, "Gizwits OTA"));
            assertThat(result.resends()).isZero();
            b.await("brickproof D5 app v2\\.0", 20);
            upgrades.add(UpgradeMeasurement.of("D5 Gizwits P0", "STM32F103C8", "GizwitsOtaClient", image.length,
                    imageNote(app, size) + "; 48 KiB does not fit: APP and APPBAK are 26 KiB each", w, 10,
                    "'update' + P0 frames FF FF len cmd sn flags payload sum with 0x55 stuffing: 0x19 start, "
                            + "256-byte 0x1D pieces, 8N1",
                    "stop-and-wait per 256-byte piece: the app programs the piece and feeds MD5 before its 0x1E "
                            + "ack frame (~5 ms of CPU and ~1 ms of ack per 36 ms piece); the floor includes the "
                            + "APPBAK download, the bootloader's APP erase + copy and the FLAG writes, not the MD5 "
                            + "passes over APPBAK and APP nor the reset"));
            assertThat(b.board.readMemory(0x0800_3000, image.length)).isEqualTo(image);
        }
    }

    @Test
    public void an3155RomLoaderUpgrade() {
        String app = "f103-d1-app-v2.0.bin";
        byte[] image = padded(app, SIZE);
        try (BenchBoard b = new BenchBoard(Chip.STM32F103C8).boot("f103-d1-boot.bin", "0x08000000",
                "f103-d1-app-v1.0.bin", "0x08002800")) {
            b.board.programFlash(0x0800_F000, new byte[] {0, 0});
            b.await("D1 app v1\\.0", 5);
            BenchBoard.Window w = b.window();
            try (An3155Client rom = new An3155Client(b.link, b, b, Chip.STM32F103C8, An3155Options.defaults(), null)) {
                Deadline d = b.deadline(60, "AN3155 write");
                rom.connect(d);
                rom.eraseRange(0x0800_2800, image.length, d);
                rom.write(0x0800_2800, image, d);
                rom.rebootToFlash();
            }
            b.await("brickproof D1 app v2\\.0", 5);
            upgrades.add(UpgradeMeasurement.of("AN3155 ROM loader write", "STM32F103C8", "An3155Client",
                    image.length, imageNote(app, SIZE) + "; written into the D1 app area", w, 11,
                    "BOOT0 + reset, 0x7F, Get/GetVersion/GetID, Erase page list, Write Memory 31 CE + addr + "
                            + "256-byte blocks with XOR, 8E1",
                    "stop-and-wait: every 256-byte Write Memory waits for 3 ACKs and the ROM loader programs the "
                            + "block before the last ACK; the connect handshake and the reset into the app add up"));
            assertThat(b.board.readMemory(0x0800_2800, image.length)).isEqualTo(image);
        }
    }

    // ---- report ----

    private static double median(List<YmodemSample> samples) {
        double[] s = samples.stream().mapToDouble(YmodemSample::seconds).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(List<YmodemSample> samples) {
        return samples.stream().mapToDouble(YmodemSample::seconds).min().orElse(Double.NaN);
    }

    private static String samples(List<YmodemSample> samples) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < samples.size(); i++) {
            s.append(String.format(Locale.ROOT, "%s%.4f", i == 0 ? "" : ", ", samples.get(i).seconds()));
        }
        return s.append(']').toString();
    }

    private static String run(String sender, List<YmodemSample> samples, String extra) {
        double med = median(samples);
        double bps = SIZE / med;
        return String.format(Locale.ROOT, "    {\"sender\": \"%s\", \"seconds\": %.4f, \"bytesPerSecond\": %.0f, "
                        + "\"efficiency\": %.3f, \"secondsMin\": %.4f, \"secondsMedian\": %.4f, \"repetitions\": %d, "
                        + "\"samples\": %s%s}", sender, med, bps, bps / (BAUD / 10.0), min(samples), med,
                samples.size(), samples(samples), extra);
    }

    @AfterClass(alwaysRun = true)
    public void writeReport() throws Exception {
        if (ours.isEmpty() && upgrades.isEmpty()) {
            return;
        }
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"benchmark\": \"YMODEM transfer of a 48 KiB image at 115200 8N1; each design's upgrade vs its "
                        + "physical floor on the emulated board\",\n")
                .append("  \"when\": \"").append(Instant.now()).append("\",\n")
                .append("  \"receiver\": \"brickproof YmodemReceiver on a pty whose input is paced to the line rate "
                        + "(10 bits/byte); ACKs unpaced; time from its first 'C' to the end-of-batch block\",\n")
                .append("  \"baud\": ").append(BAUD).append(",\n  \"imageBytes\": ").append(SIZE).append(",\n")
                .append("  \"lineLimitBytesPerSecond\": ").append(BAUD / 10).append(",\n  \"runs\": [\n");
        if (!ours.isEmpty()) {
            int resends = ours.stream().mapToInt(YmodemSample::resends).sum();
            json.append(run("brickproof YmodemSender (1K blocks, default options)", ours, ", \"resends\": " + resends))
                    .append(",\n").append(run("lrzsz sb -k", sb, "")).append('\n');
        }
        json.append("  ],\n");
        double ratioMedian = ours.isEmpty() ? Double.NaN : median(ours) / median(sb);
        double ratioMin = ours.isEmpty() ? Double.NaN : min(ours) / min(sb);
        json.append(String.format(Locale.ROOT, "  \"ymodemVsSb\": {\"ratioMedian\": %.3f, \"ratioMin\": %.3f, "
                + "\"target\": 1.0, \"withinTarget\": %s, \"repetitions\": %d},\n", ratioMedian, ratioMin,
                ratioMedian <= 1.0, ours.size()));
        json.append("  \"upgrades\": [\n");
        for (int i = 0; i < upgrades.size(); i++) {
            json.append(upgrades.get(i).json()).append(i + 1 < upgrades.size() ? ",\n" : "\n");
        }
        json.append("  ],\n  \"fields\": {\n")
                .append("    \"runs[].seconds\": \"median seconds of the YMODEM transfer (= secondsMedian; kept for older readers)\",\n")
                .append("    \"runs[].efficiency\": \"payload bytes per second at the median / (baud / 10)\",\n")
                .append("    \"ymodemVsSb.ratioMedian\": \"median time of our sender / median time of sb -k, same run; target <= 1.0\",\n")
                .append("    \"upgrades[].seconds\": \"virtual seconds on the emulated board from the first update action to the new banner\",\n")
                .append("    \"upgrades[].hostBytes\": \"bytes the host wrote in that window (framing and commands included; no resends happened)\",\n")
                .append("    \"upgrades[].deviceBytes\": \"bytes the device sent that the host read (ACKs, prompts, banner); not in the floor\",\n")
                .append("    \"upgrades[].wireSeconds\": \"hostBytes * bitsPerByte / baud\",\n")
                .append("    \"upgrades[].eraseSeconds, programSeconds\": \"virtual time the flash controller was busy erasing / programming in the window (emulator datasheet timings)\",\n")
                .append("    \"upgrades[].floorSeconds\": \"wireSeconds + eraseSeconds + programSeconds\",\n")
                .append("    \"upgrades[].ratio\": \"seconds / floorSeconds; target <= 1.05 where the protocol allows it, else see note\",\n")
                .append("    \"upgrades[].residualSeconds\": \"seconds - floorSeconds: device CPU time before ACKs, prompts, fixed waits, resets\",\n")
                .append("    \"upgrades[].floorProgramHiddenSeconds, ratioProgramHidden\": \"wireSeconds + eraseSeconds and seconds / it: the floor if programming overlapped reception (it can only where the design programs while bytes arrive, e.g. D1)\"\n")
                .append("  }\n}\n");
        Path out = Path.of(System.getProperty("brickproof.root", "../..")).resolve("reports/bench/transfer.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json, StandardCharsets.UTF_8);
        System.out.println(table(ratioMedian, ratioMin));
        System.out.println("wrote " + out);
    }

    private String table(double ratioMedian, double ratioMin) {
        StringBuilder t = new StringBuilder("\nTransfer benchmark (115200 baud)\n");
        if (!ours.isEmpty()) {
            t.append(String.format(Locale.ROOT, "YMODEM 48 KiB  ours: min %.3f s median %.3f s | sb -k: min %.3f s "
                            + "median %.3f s | ours/sb median %.3f min %.3f (%d runs each)%n", min(ours), median(ours),
                    min(sb), median(sb), ratioMedian, ratioMin, ours.size()));
        }
        t.append(String.format(Locale.ROOT, "%-26s %-12s %6s %8s %8s %8s %8s %7s %8s%n", "design", "chip", "bytes",
                "seconds", "wire", "flash", "floor", "ratio", "ratio*"));
        for (UpgradeMeasurement u : upgrades) {
            t.append(u.row()).append('\n');
        }
        return t.append("ratio = seconds / (wire + flash); ratio* = seconds / (wire + erase), programming hidden "
                + "behind reception\n").toString();
    }
}
