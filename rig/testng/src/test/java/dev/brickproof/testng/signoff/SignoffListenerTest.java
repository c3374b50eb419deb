package dev.brickproof.testng.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.scenarios.ScenarioRecord;
import dev.brickproof.scenarios.UpgradeResult;
import dev.brickproof.testng.ScenarioRecords;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.SkipException;
import org.testng.TestListenerAdapter;
import org.testng.TestNG;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * The sign-off written from a real (small, synthetic) TestNG run: its counts are TestNG's, per board and
 * bootloader and per scenario kind, and the HTML attachment lands in the Allure results without adding a test.
 */
public class SignoffListenerTest {

    @Test
    public void theSignoffsCountsAreTheTestNgResultsOfTheRunPerBoardBootloaderAndKind() throws Exception {
        Path dir = Files.createTempDirectory("signoff");
        Path results = Files.createDirectories(dir.resolve("allure-results"));
        Files.writeString(results.resolve("11111111-result.json"), "{\"uuid\":\"11111111\",\"name\":\"x\"}");
        TestNG testng = new TestNG(false);
        testng.setUseDefaultListeners(false);
        // no listeners found by ServiceLoader (Allure's, the build's reporter): only the two below hear this run
        testng.setServiceLoaderClassLoader(new java.net.URLClassLoader(new java.net.URL[0], null));
        testng.setTestClasses(new Class<?>[] {SyntheticRun.Upgrades.class, SyntheticRun.RigCheck.class});
        TestListenerAdapter counted = new TestListenerAdapter();
        testng.addListener(counted);
        testng.addListener(new SignoffListener(dir.resolve("reports"), results, SignoffFacts.standard()));
        testng.run();

        JsonNode s = new ObjectMapper().readTree(dir.resolve("reports/signoff.json").toFile());
        int passed = counted.getPassedTests().size();
        int failedOrBroken = counted.getFailedTests().size();
        int skipped = counted.getSkippedTests().size();
        assertThat(passed + failedOrBroken + skipped).as("TestNG's own count").isEqualTo(7);
        JsonNode totals = s.path("totals");
        assertThat(totals.path("tests").asInt()).isEqualTo(passed + failedOrBroken + skipped);
        assertThat(totals.path("passed").asInt()).isEqualTo(passed);
        assertThat(totals.path("failed").asInt() + totals.path("broken").asInt()).isEqualTo(failedOrBroken);
        assertThat(totals.path("failed").asInt()).as("assertion errors: product defects").isEqualTo(1);
        assertThat(totals.path("skipped").asInt()).isEqualTo(skipped);
        assertThat(s.path("promises").asText()).startsWith("PROMISES BROKEN: 1 of 7 tests failed");

        JsonNode boards = s.path("boards");
        assertThat(boards).hasSize(3);
        assertThat(boards.get(0).path("board").asText()).isEqualTo("board-a");
        assertThat(boards.get(0).path("bootloader").asText()).isEqualTo("robust");
        assertThat(boards.get(0).path("totals").path("passed").asInt()).isEqualTo(2);
        assertThat(boards.get(1).path("bootloader").asText()).isEqualTo("weak");
        assertThat(boards.get(1).path("problems").get(0).path("message").asText()).contains("PRODUCT DEFECT");
        JsonNode b = boards.get(2);
        assertThat(b.path("kinds").get(0).path("kind").asText()).isEqualTo("Upgrade");
        assertThat(b.path("kinds").get(0).path("counts").path("broken").asInt()).isEqualTo(1);
        assertThat(b.path("kinds").get(0).path("counts").path("skipped").asInt()).isEqualTo(1);
        assertThat(b.path("outcomes")).hasSize(3);
        assertThat(s.path("checks").get(0).path("board").asText()).isEqualTo("rig");
        assertThat(s.path("checks").get(0).path("kind").asText()).isEqualTo("Negative controls");
        assertThat(s.path("checkProblems")).as("the rig check passed").isEmpty();
        Signoff back = new ObjectMapper().readValue(dir.resolve("reports/signoff.json").toFile(), Signoff.class);
        assertThat(back.totals().tests()).as("signoff.json reads back as a Signoff").isEqualTo(7);

        String html = Files.readString(dir.resolve("reports/signoff.html"));
        assertThat(html).contains("PROMISES BROKEN").contains("board-b").doesNotContain("<script");
        List<Path> containers;
        try (var files = Files.list(results)) {
            containers = files.filter(p -> p.toString().endsWith("-container.json")).toList();
        }
        assertThat(containers).hasSize(1);
        JsonNode container = new ObjectMapper().readTree(containers.get(0).toFile());
        assertThat(container.path("children").get(0).asText()).isEqualTo("11111111");
        String source = container.path("afters").get(0).path("attachments").get(0).path("source").asText();
        assertThat(Files.readString(results.resolve(source))).isEqualTo(html);
    }

    @Test
    public void aRunWithoutFailuresKeepsItsPromisesAndOneWithOnlyRigFaultsProvesNothing() {
        assertThat(SignoffCollector.promises(new Signoff.Counts(5, 5, 0, 0, 0), 0))
                .isEqualTo("PROMISES KEPT: all 5 tests passed");
        assertThat(SignoffCollector.promises(new Signoff.Counts(5, 4, 0, 1, 0), 0)).startsWith("PROMISES NOT PROVEN");
        assertThat(SignoffCollector.promises(new Signoff.Counts(5, 4, 0, 0, 1), 0)).startsWith("PROMISES NOT PROVEN");
        assertThat(SignoffCollector.promises(new Signoff.Counts(0, 0, 0, 0, 0), 0)).startsWith("PROMISES NOT PROVEN");
    }
}
