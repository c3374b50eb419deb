package dev.brickproof.testng.signoff;

import dev.brickproof.scenarios.signoff.Signoff;
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
    public void twoSuiteRunsOfOneBuildMakeOneSignoffWithTheirCountsAddedAndOneAttachment() throws Exception {
        Path dir = Files.createTempDirectory("signoff-merge");
        Path results = Files.createDirectories(dir.resolve("allure-results"));
        Path reports = dir.resolve("reports");
        TestListenerAdapter first = run(new Class<?>[] {SyntheticRun.Upgrades.class, SyntheticRun.RigCheck.class},
                new SignoffListener(reports, results, SignoffFacts.standard(), "build-1"));
        TestListenerAdapter second = run(new Class<?>[] {SyntheticRun.Upgrades.class},
                new SignoffListener(reports, results, SignoffFacts.standard(), "build-1"));

        Signoff s = new ObjectMapper().readValue(reports.resolve("signoff.json").toFile(), Signoff.class);
        int tests = count(first) + count(second);
        assertThat(tests).as("TestNG's own counts of both runs").isEqualTo(13);
        assertThat(s.totals().tests()).isEqualTo(tests);
        assertThat(s.totals().passed()).isEqualTo(first.getPassedTests().size() + second.getPassedTests().size());
        assertThat(s.totals().failed()).as("one product defect per run").isEqualTo(2);
        assertThat(s.promises()).startsWith("PROMISES BROKEN: 2 of 13 tests failed");
        assertThat(s.build()).isEqualTo("build-1");
        assertThat(s.boards()).as("boards and bootloaders joined by name, not listed twice").hasSize(3);
        Signoff.BoardSignoff robustA = s.boards().get(0);
        assertThat(robustA.board() + "/" + robustA.bootloader()).isEqualTo("board-a/robust");
        assertThat(robustA.totals().passed()).isEqualTo(4);
        assertThat(robustA.kinds()).hasSize(1);
        assertThat(robustA.kinds().get(0).counts().tests()).isEqualTo(4);
        assertThat(s.boards().get(2).outcomes()).hasSize(6);
        assertThat(s.checks()).as("the rig check ran in the first run only").hasSize(1);
        assertThat(s.checks().get(0).counts().tests()).isEqualTo(1);
        List<Path> containers;
        try (var files = Files.list(results)) {
            containers = files.filter(p -> p.toString().endsWith("-container.json")).toList();
        }
        assertThat(containers).as("the merged sign-off replaces the first one's attachment").hasSize(1);
        String source = new ObjectMapper().readTree(containers.get(0).toFile()).path("afters").get(0)
                .path("attachments").get(0).path("source").asText();
        assertThat(Files.readString(results.resolve(source)))
                .isEqualTo(Files.readString(reports.resolve("signoff.html")))
                .contains("PROMISES BROKEN: 2 of 13");

        run(new Class<?>[] {SyntheticRun.RigCheck.class},
                new SignoffListener(reports, results, SignoffFacts.standard(), "build-2"));
        Signoff next = new ObjectMapper().readValue(reports.resolve("signoff.json").toFile(), Signoff.class);
        assertThat(next.totals().tests()).as("another build's sign-off starts afresh").isEqualTo(1);
        assertThat(next.promises()).isEqualTo("PROMISES KEPT: all 1 tests passed");
    }

    private static TestListenerAdapter run(Class<?>[] classes, SignoffListener signoff) {
        TestNG testng = new TestNG(false);
        testng.setUseDefaultListeners(false);
        testng.setServiceLoaderClassLoader(new java.net.URLClassLoader(new java.net.URL[0], null));
        testng.setTestClasses(classes);
        TestListenerAdapter counted = new TestListenerAdapter();
        testng.addListener(counted);
        testng.addListener(signoff);
        testng.run();
        return counted;
    }

    private static int count(TestListenerAdapter a) {
        return a.getPassedTests().size() + a.getFailedTests().size() + a.getSkippedTests().size();
    }

    @Test
    public void aRunWithoutFailuresKeepsItsPromisesAndOneWithOnlyRigFaultsProvesNothing() {
        assertThat(Signoff.promises(new Signoff.Counts(5, 5, 0, 0, 0), 0))
                .isEqualTo("PROMISES KEPT: all 5 tests passed");
        assertThat(Signoff.promises(new Signoff.Counts(5, 4, 0, 1, 0), 0)).startsWith("PROMISES NOT PROVEN");
        assertThat(Signoff.promises(new Signoff.Counts(5, 4, 0, 0, 1), 0)).startsWith("PROMISES NOT PROVEN");
        assertThat(Signoff.promises(new Signoff.Counts(0, 0, 0, 0, 0), 0)).startsWith("PROMISES NOT PROVEN");
    }
}
