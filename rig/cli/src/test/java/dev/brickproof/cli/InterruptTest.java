package dev.brickproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.testng.annotations.Test;

/** Ctrl-C during a real-time transfer: exit 130, the transcript marked, nothing driven but the safe state. */
public class InterruptTest {
    private static final Pattern CLAIM = Pattern.compile("^\\d+ \\S+ \\[[^]]+] claim (\\S+) \\S+( \\(active-low\\))? (asserted|released) \\(safe state\\)$");
    private static final Pattern WRITE = Pattern.compile("^\\d+ \\S+ \\[([^]]+)] (\\S+) \\S+( \\(active-low\\))? (asserted|released)$");

    @Test
    public void sigintMidTransferStopsTheScenarioThenDrivesOnlyTheSafeStateAndExits130() throws Exception {
        Path work = Files.createTempDirectory("brickproof-interrupt");
        try (ChildCli cli = ChildCli.start(work, Brickproof.class.getName(),
                "--rig", ChildCli.ROOT.resolve("fixtures/rigs/emulated.yaml").toString(),
                "--lease-dir", work.resolve("leases").toString(), "--board", "l431-ymodem", "scenario")) {
            cli.awaitErrLine(line -> line.matches("brickproof: ymodem (header|data) .*bytes.*"), Duration.ofSeconds(60),
                    "showing the YMODEM transfer under way");
            cli.interrupt();

            assertThat(cli.awaitExit(Duration.ofSeconds(30))).as(cli.err()).isEqualTo(130);
            assertThat(cli.err()).contains("interrupted").doesNotContain("verdict:").doesNotContain("RIG_FAULT")
                    .doesNotContain("check the USB cable");
            assertThat(cli.out()).doesNotContain("verdict");

            Path run = onlyRunDir(work);
            List<String> transcript = Files.readAllLines(run.resolve("l431-ymodem/console.log"),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(transcript).anyMatch(l -> l.matches("=== interrupted at \\d{4}-\\d\\d-\\d\\dT\\S+Z ==="));

            List<String> journal = Files.readAllLines(run.resolve("gpio.log"));
            int hookStart = indexOf(journal, "=== GPIO reserved for the safe state");
            assertThat(hookStart).as("the hook started: %s", journal).isGreaterThan(0);
            Map<String, Boolean> safe = new HashMap<>();
            Map<String, Boolean> level = new HashMap<>();
            for (int i = 0; i < journal.size(); i++) {
                String entry = journal.get(i);
                Matcher claim = CLAIM.matcher(entry);
                if (claim.matches()) {
                    safe.put(claim.group(1), claim.group(3).equals("asserted"));
                    level.put(claim.group(1), claim.group(3).equals("asserted"));
                }
                Matcher write = WRITE.matcher(entry);
                if (write.matches()) {
                    boolean asserted = write.group(4).equals("asserted");
                    if (i > hookStart) {
                        assertThat(write.group(1)).as("writer of %s after the hook started", entry)
                                .isEqualTo("brickproof-safe-state");
                        assertThat(asserted).as("only safe levels after the hook started: %s", entry)
                                .isEqualTo(safe.get(write.group(2)));
                    }
                    level.put(write.group(2), asserted);
                }
            }
            assertThat(safe).as("claimed lines").hasSize(4);
            assertThat(level).as("every line ends in its declared safe state").isEqualTo(safe);
            assertThat(journal.get(journal.size() - 1)).contains("GPIO bank closed");
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static Path onlyRunDir(Path work) throws IOException {
        try (Stream<Path> runs = Files.list(work.resolve("reports/runs"))) {
            List<Path> all = runs.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }
}
