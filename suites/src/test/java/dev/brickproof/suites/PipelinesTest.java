package dev.brickproof.suites;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import groovy.lang.GroovyShell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.annotations.Test;

/**
 * The lab's CI definitions parse (GitHub Actions YAML, the Jenkinsfile as Groovy) and call only commands the
 * README documents in "Running a lab", so a lab that follows the README runs what CI runs.
 */
public class PipelinesTest {
    private static final Path ROOT = Path.of(System.getProperty("brickproof.root", ".."));
    /** Programs, scripts, -D properties and long options: the parts of a command a reader must find documented. */
    private static final Pattern TOKEN = Pattern.compile("(\\./mvnw|\\.ci/[a-z-]+|-D[a-z.]+=|--[a-z-]+|\\bverify\\b)");

    @Test
    public void theGithubWorkflowParsesAndHasHardwareShardAndMergeJobs() throws IOException {
        JsonNode workflow = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve(".github/workflows/hil.yml").toFile());
        JsonNode jobs = workflow.path("jobs");
        assertThat(jobs.path("hardware").path("strategy").path("matrix").path("host").isArray()).isTrue();
        assertThat(jobs.path("hardware").path("runs-on").toString()).contains("self-hosted").contains("matrix.host");
        assertThat(jobs.path("emulated").path("strategy").path("matrix").path("shard").size()).isGreaterThan(1);
        assertThat(jobs.path("report").path("needs").toString()).contains("hardware").contains("emulated");
        assertThat(runCommands(jobs)).anyMatch(c -> c.startsWith(".ci/merge-reports --history"));
    }

    @Test
    public void theJenkinsfileIsValidGroovyWithParallelStages() throws IOException {
        String jenkinsfile = Files.readString(ROOT.resolve("Jenkinsfile"));
        new GroovyShell().parse(jenkinsfile, "Jenkinsfile");
        assertThat(jenkinsfile).contains("parallel").contains("label 'brickproof && pi-lab-1'");
        assertThat(shCommands(jenkinsfile)).anyMatch(c -> c.startsWith(".ci/merge-reports --history"));
    }

    @Test
    public void bothCallOnlyCommandsTheReadmeDocuments() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String lab = readme.substring(readme.indexOf("## Running a lab"));
        lab = lab.substring(0, lab.indexOf("\n## ", 3));
        List<String> commands = new ArrayList<>(runCommands(new ObjectMapper(new YAMLFactory())
                .readTree(ROOT.resolve(".github/workflows/hil.yml").toFile()).path("jobs")));
        commands.addAll(shCommands(Files.readString(ROOT.resolve("Jenkinsfile"))));
        assertThat(commands).hasSizeGreaterThan(5);
        for (String command : commands) {
            Matcher m = TOKEN.matcher(command);
            while (m.find()) {
                assertThat(lab).as("README 'Running a lab' documents %s (used in: %s)", m.group(), command)
                        .contains(m.group());
            }
        }
    }

    private static List<String> runCommands(JsonNode jobs) {
        List<String> commands = new ArrayList<>();
        jobs.forEach(job -> job.path("steps").forEach(step -> {
            if (step.has("run")) {
                commands.add(step.path("run").asText().trim());
            }
        }));
        return commands;
    }

    private static List<String> shCommands(String jenkinsfile) {
        List<String> commands = new ArrayList<>();
        Matcher m = Pattern.compile("\\bsh\\s+'([^']*)'").matcher(jenkinsfile);
        while (m.find()) {
            commands.add(m.group(1).trim());
        }
        return commands;
    }
}
