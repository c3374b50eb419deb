package dev.brickproof.rig.protocol.ymodem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.link.pty.PseudoTerminal;
import dev.brickproof.rig.link.pty.PtyLink;
import dev.brickproof.rig.link.pty.TtyLink;
import dev.brickproof.rig.protocol.PeerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * Benchmark (only with {@code -Dbrickproof.bench=true}, e.g. {@code ./mvnw -Pbench -Dbrickproof.bench=true}):
 * a 48 KiB image sent over YMODEM to our receiver on a pty that delivers bytes at 115200 8N1, once by our
 * {@link YmodemSender} and once by lrzsz {@code sb -k}, in the same run. Writes reports/bench/transfer.json.
 */
public class YmodemTransferBenchTest {
    private static final int BAUD = 115_200;
    private static final int SIZE = 48 * 1024;

    private record Run(String sender, double seconds, long bytes, int blocksResent) {
        double bytesPerSecond() {
            return bytes / seconds;
        }

        double efficiency() {
            return bytesPerSecond() / (BAUD / 10.0);
        }
    }

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

    @Test
    public void ourSenderAgainstLrzszSbAt115200() throws Exception {
        if (!Boolean.getBoolean("brickproof.bench")) {
            throw new SkipException("benchmark: run with -Pbench -Dbrickproof.bench=true");
        }
        PeerProcess.require("sb", "lrzsz");
        byte[] data = new byte[SIZE];
        new Random(48).nextBytes(data);
        List<Run> runs = new ArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            try (PtyLink master = new PtyLink(PseudoTerminal.open());
                 TtyLink slave = TtyLink.open(master.pty().slavePath())) {
                Future<YmodemResult> sent = pool.submit(() -> new YmodemSender(slave, YmodemOptions.defaults(), null)
                        .send("bench.bin", data, slave.clock().deadlineAfter(Duration.ofSeconds(60), "bench send")));
                Duration took = receive(master, data);
                runs.add(new Run("brickproof YmodemSender (1K blocks)", took.toNanos() / 1e9, SIZE,
                        sent.get().resends()));
            }
            Path dir = Files.createTempDirectory("bench");
            Files.write(dir.resolve("bench.bin"), data);
            try (PtyLink master = new PtyLink(PseudoTerminal.open());
                 PeerProcess sb = PeerProcess.onStdio(List.of("sb", "-k", "bench.bin"), dir, master.pty().slavePath())) {
                Duration took = receive(master, data);
                sb.await(Duration.ofSeconds(10));
                runs.add(new Run("lrzsz sb -k", took.toNanos() / 1e9, SIZE, -1));
            }
        } finally {
            pool.shutdownNow();
        }
        Path out = Path.of(System.getProperty("brickproof.root", "../..")).resolve("reports/bench/transfer.json");
        Files.createDirectories(out.getParent());
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"benchmark\": \"YMODEM transfer of a 48 KiB image at 115200 8N1\",\n")
                .append("  \"when\": \"").append(Instant.now()).append("\",\n")
                .append("  \"receiver\": \"brickproof YmodemReceiver on a pty paced to the line rate (10 bits/byte)\",\n")
                .append("  \"baud\": ").append(BAUD).append(",\n  \"imageBytes\": ").append(SIZE).append(",\n")
                .append("  \"lineLimitBytesPerSecond\": ").append(BAUD / 10).append(",\n  \"runs\": [\n");
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            json.append(String.format(Locale.ROOT, "    {\"sender\": \"%s\", \"seconds\": %.3f, \"bytesPerSecond\": %.0f, "
                    + "\"efficiency\": %.3f%s}%s\n", r.sender(), r.seconds(), r.bytesPerSecond(), r.efficiency(),
                    r.blocksResent() >= 0 ? ", \"resends\": " + r.blocksResent() : "", i + 1 < runs.size() ? "," : ""));
        }
        json.append("  ]\n}\n");
        Files.writeString(out, json, StandardCharsets.UTF_8);
        System.out.println(json);
        assertThat(runs).hasSize(2);
    }
}
