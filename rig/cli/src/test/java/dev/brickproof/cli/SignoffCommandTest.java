package dev.brickproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brickproof.scenarios.signoff.Signoff;
import dev.brickproof.scenarios.signoff.SignoffWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testng.annotations.Test;

/**
 * {@code brickproof signoff merge}: the sign-offs of two CI shards (written by their suite runs into their Allure
 * results) become one, whose exit status is its one line's.
 */
public class SignoffCommandTest {

    @Test
    public void twoShardsSignOffTogetherAndABrokenPromiseInOneOfThemIsExitOne() throws Exception {
        Path dir = Files.createTempDirectory("signoff-cli");
        Path shard1 = results(dir.resolve("shard-1"), shard("b1", "brickproof-scenarios", "f103-d1", 5, 0));
        Path shard2 = results(dir.resolve("shard-2"), shard("b2", "brickproof-scenarios", "l431-ymodem", 3, 1));
        Path merged = Files.createDirectories(dir.resolve("merged-results"));
        for (Path shard : List.of(shard1, shard2)) {
            try (Stream<Path> files = Files.list(shard)) {
                for (Path f : files.toList()) {
                    Files.copy(f, merged.resolve(f.getFileName()));
                }
            }
        }
        StringWriter out = new StringWriter();
        int code = Brickproof.run(new String[] {"signoff", "merge", "--out", dir.resolve("reports").toString(),
            "--allure-results", merged.toString(), shard1.toString(), shard2.toString()},
                new PrintWriter(out), new PrintWriter(new StringWriter()));

        assertThat(code).as("one test of shard 2 failed: a product defect\n%s", out).isEqualTo(1);
        Signoff s = new ObjectMapper().readValue(dir.resolve("reports/signoff.json").toFile(), Signoff.class);
        assertThat(s.totals().tests()).isEqualTo(9);
        assertThat(s.totals().failed()).isEqualTo(1);
        assertThat(s.promises()).startsWith("PROMISES BROKEN: 1 of 9 tests failed");
        assertThat(s.boards()).extracting(Signoff.BoardSignoff::board).containsExactly("f103-d1", "l431-ymodem");
        assertThat(s.build()).isEqualTo("b1+b2");
        assertThat(out.toString()).contains("PROMISES BROKEN").contains("merged 2 sign-offs");
        try (Stream<Path> files = Files.list(merged)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(
                    "brickproof-signoff-")).sorted().toList();
            assertThat(names).as("the shards' own sign-offs replaced by the merged one").containsExactly(
                    "brickproof-signoff-b1_b2-attachment.html", "brickproof-signoff-b1_b2-container.json",
                    "brickproof-signoff-b1_b2.signoff.json");
        }
        assertThat(Files.readString(merged.resolve("brickproof-signoff-b1_b2-attachment.html")))
                .isEqualTo(Files.readString(dir.resolve("reports/signoff.html")));
    }

    @Test
    public void shardsThatAllKeptTheirPromisesExitZeroAndAMissingInputIsAConfigurationError() throws Exception {
        Path dir = Files.createTempDirectory("signoff-cli-ok");
        Path a = results(dir.resolve("a"), shard("b1", "s", "f103-d1", 2, 0));
        Path b = results(dir.resolve("b"), shard("b2", "s", "f103-d1", 2, 0));
        StringWriter out = new StringWriter();
        int code = Brickproof.run(new String[] {"signoff", "merge", "--out", dir.resolve("r").toString(), a.toString(),
            b.toString(), "--json"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(code).as("%s", out).isEqualTo(0);
        Map<?, ?> json = new ObjectMapper().readValue(out.toString(), Map.class);
        assertThat(json.get("promises")).isEqualTo("PROMISES KEPT: all 4 tests passed");
        assertThat(((Map<?, ?>) json.get("totals")).get("tests")).isEqualTo(4);

        StringWriter err = new StringWriter();
        int missing = Brickproof.run(new String[] {"signoff", "merge", "--out", dir.resolve("r").toString(),
            dir.resolve("no-such-shard").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(missing).isEqualTo(3);
        assertThat(err.toString()).contains("no-such-shard").contains("Fix:");
    }

    /** A shard's Allure results holding its sign-off, as its suite run's listener leaves them. */
    private static Path results(Path dir, Signoff signoff) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(signoff.build() + "-result.json"), "{\"uuid\":\"" + signoff.build() + "\"}");
        SignoffWriter writer = new SignoffWriter();
        Path html = writer.write(signoff, dir.resolve("reports"));
        writer.attachToAllure(signoff, html, dir);
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir.resolve("reports"));
        return dir;
    }

    private static Signoff shard(String build, String suite, String board, int passed, int failed) {
        Signoff.Counts counts = new Signoff.Counts(passed + failed, passed, failed, 0, 0);
        Signoff.BoardSignoff b = new Signoff.BoardSignoff(board, "STM32F103C8", "D1", "raw", "robust", false,
                Map.of(), List.of(new Signoff.KindCounts("Upgrade", counts)), counts, 0, 0, List.of(), List.of(),
                List.of(), List.of(), 0, 0);
        return new Signoff("emulated", "fixtures/rigs/emulated.yaml", suite, "0.1.0", "2026-12-04T12:00:00Z", build,
                Signoff.promises(counts, 0), counts, List.of(b), List.of(), List.of());
    }
}
