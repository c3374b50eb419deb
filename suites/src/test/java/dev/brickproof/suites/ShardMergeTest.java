package dev.brickproof.suites;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brickproof.rig.run.Shard;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.testng.AllureTestNg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.testng.TestNG;
import org.testng.annotations.Test;

/**
 * Two CI shards merged with {@code .ci/merge-reports} give exactly the unsharded run: the same tests (name and
 * parameters) with the same statuses, each exactly once.
 */
public class ShardMergeTest {

    @Test
    public void twoShardsMergedAreExactlyTheUnshardedRun() throws Exception {
        Path dir = Files.createTempDirectory("shards");
        Path whole = run(Shard.ALL, dir.resolve("whole"));
        Path one = run(new Shard(1, 2), dir.resolve("shard-1"));
        Path two = run(new Shard(2, 2), dir.resolve("shard-2"));

        Map<String, String> first = statuses(one);
        Map<String, String> second = statuses(two);
        assertThat(first).isNotEmpty();
        assertThat(second).isNotEmpty();
        assertThat(first.keySet()).doesNotContainAnyElementsOf(second.keySet());

        Path merged = merge(dir.resolve("merged"), one, two);
        Map<String, String> expected = statuses(whole);
        assertThat(expected).hasSize(14).containsValues("failed", "broken", "passed");
        assertThat(statuses(merged)).isEqualTo(expected);
        assertThat(resultFiles(merged)).hasSize(expected.size());
    }

    private static Path run(Shard shard, Path results) {
        TestNG testng = new TestNG(false);
        testng.setUseDefaultListeners(false);
        testng.setVerbose(0);
        testng.setTestClasses(new Class<?>[] {ShardDemoScenarios.class});
        testng.addListener(new ShardInterceptor(shard));
        testng.addListener(new AllureTestNg(new AllureLifecycle(new FileSystemResultsWriter(results))));
        testng.run();
        return results;
    }

    private static Path merge(Path out, Path... inputs) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("brickproof.root", "..")).resolve(".ci/merge-reports");
        String[] command = Stream.concat(Stream.of("bash", script.toString(), "--no-report", "--out", out.toString()),
                Stream.of(inputs).map(Path::toString)).toArray(String[]::new);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("merge-reports finished").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return Path.of(out + "-results");
    }

    private static Stream<Path> resultFiles(Path dir) throws IOException {
        return Files.list(dir).filter(f -> f.getFileName().toString().endsWith("-result.json")).toList().stream();
    }

    /** "fullName(parameter values)" → status, failing if a test appears twice. */
    private static Map<String, String> statuses(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> statuses = new HashMap<>();
        for (Path f : resultFiles(dir).toList()) {
            JsonNode r = json.readTree(f.toFile());
            StringBuilder key = new StringBuilder(r.path("fullName").asText()).append('(');
            r.path("parameters").forEach(p -> key.append(p.path("value").asText()).append(','));
            String previous = statuses.put(key.append(')').toString(), r.path("status").asText());
            assertThat(previous).as("%s appears once", key).isNull();
        }
        return statuses;
    }
}
