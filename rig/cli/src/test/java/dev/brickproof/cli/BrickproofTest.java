package dev.brickproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.annotations.Test;

public class BrickproofTest {
    private static final String RIG = ChildCli.ROOT.resolve("fixtures/rigs/emulated.yaml").toString();

    private static String[] run(String... args) {
        return runIn(Path.of("").toAbsolutePath(), args);
    }

    private static String[] runIn(Path workingDir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Brickproof.run(args, new PrintWriter(out, true), new PrintWriter(err, true), workingDir, false);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    public void theScenarioCommandUpgradesAnEmulatedBoardInLockstep() {
        String[] r = run("--rig", RIG, "--board", "f103-d1", "--lockstep", "scenario");
        assertThat(r[1]).contains("before: brickproof D1 app v1.0").contains("verdict: BOOTED(v2.0)");
        assertThat(r[2]).contains("update to 2.0 over d1-raw done in").contains("bytes");
        assertThat(r[0]).isEqualTo("0");
    }

    @Test
    public void recoverGoesThroughTheRomBootloader() {
        String[] r = run("--rig", RIG, "--board", "f103-d3", "--lockstep", "recover");
        assertThat(r[1]).contains("recovered: brickproof D3 app v1.0");
        assertThat(r[0]).isEqualTo("0");
    }

    @Test
    public void aMissingRigFileIsAConfigurationErrorWhoseFixNamesTheRigOption() {
        String[] r = run("--rig", "no-such-rig.yaml", "--board", "x", "scenario");
        assertThat(r[0]).isEqualTo("3");
        assertThat(r[2]).contains("brickproof: no-such-rig.yaml: --rig: no such rig file").contains("--rig <file>")
                .doesNotContain("-Drig=");
    }

    @Test
    public void aSerialPortThatIsNotThereIsARigFault() {
        String[] r = run("--rig", ChildCli.ROOT.resolve("fixtures/rigs/negative/wrong-port.yaml").toString(),
                "--board", "missing-adapter", "provision");
        assertThat(r[2]).contains("serial.port");
        assertThat(r[0]).isEqualTo("2");
    }

    @Test
    public void subcommandHelpNeedsNoBoardAndOptionsGoAfterTheSubcommandToo() {
        String[] help = run("scenario", "--help");
        assertThat(help[0]).isEqualTo("0");
        assertThat(help[1]).contains("Usage: brickproof scenario").contains("--board=<id>").contains("--wait=<duration>");

        String[] after = run("scenario", "--lockstep", "--board", "f103-d1", "--rig", RIG);
        assertThat(after[1]).contains("verdict: BOOTED(v2.0)");
        assertThat(after[0]).isEqualTo("0");
    }

    @Test
    public void aMissingBoardOrAnUnknownOptionIsAUsageError64() {
        String[] noBoard = run("--rig", RIG, "scenario");
        assertThat(noBoard[0]).isEqualTo("64");
        assertThat(noBoard[2]).contains("Missing required option '--board=<id>'").contains("brickproof scenario --help");

        String[] unknown = run("--rig", RIG, "--board", "f103-d1", "scenario", "--bord", "x");
        assertThat(unknown[0]).isEqualTo("64");

        String[] badWait = run("--wait", "soon", "lease", "list");
        assertThat(badWait[0]).isEqualTo("64");
        assertThat(badWait[2]).contains("'soon' is not a duration");
    }

    @Test
    public void anUnknownBoardIsAConfigurationError() {
        String[] r = run("--rig", RIG, "--board", "f999", "--lockstep", "scenario");
        assertThat(r[0]).isEqualTo("3");
        assertThat(r[2]).contains("boards: no board with id 'f999'").contains("f103-d1");
    }

    @Test
    public void jsonOutputGivesScriptsTheVerdictAndTheExitStatus() throws Exception {
        String[] r = run("--rig", RIG, "--board", "f103-d1", "--lockstep", "--json", "scenario");
        JsonNode json = new ObjectMapper().readTree(r[1]);
        assertThat(json.get("command").asText()).isEqualTo("scenario");
        assertThat(json.get("verdict").get("kind").asText()).isEqualTo("BOOTED");
        assertThat(json.get("verdict").get("version").asText()).isEqualTo("2.0");
        assertThat(json.get("promiseKept").asBoolean()).isTrue();
        assertThat(json.get("exitCode").asInt()).isZero();
        assertThat(r[0]).isEqualTo("0");

        String[] failed = run("--rig", "no-such-rig.yaml", "--board", "x", "--json", "scenario");
        JsonNode error = new ObjectMapper().readTree(failed[1]);
        assertThat(error.get("status").asText()).isEqualTo("CONFIGURATION_ERROR");
        assertThat(error.get("exitCode").asInt()).isEqualTo(3);
        assertThat(error.get("error").asText()).contains("no such rig file");
    }

    @Test
    public void theDefaultRigIsFoundFromASubdirectoryAndReadSaysItReadsAFreshEmulator() throws Exception {
        Path out = Files.createTempFile("flash", ".bin");
        String[] r = runIn(ChildCli.ROOT.resolve("fixtures/firmware"), "--board", "f103-d1", "--lockstep", "read",
                "--address", "0x08000000", "--length", "16", "--out", out.toString(), "--json");
        assertThat(r[2]).contains("rig file " + RIG + " (found from " + ChildCli.ROOT.resolve("fixtures/firmware"));
        assertThat(r[2]).contains("this reads the fresh emulator started for this command");
        JsonNode json = new ObjectMapper().readTree(r[1]);
        assertThat(json.get("source").asText()).isEqualTo("fresh emulator");
        assertThat(json.get("bytes").asInt()).isEqualTo(16);
        assertThat(json.get("address").asText()).isEqualTo("0x08000000");
        assertThat(Files.size(out)).isEqualTo(16);
        assertThat(ChildCli.ROOT.resolve("fixtures/firmware/reports")).as("transcripts go to the checkout's reports/")
                .doesNotExist();
        assertThat(r[0]).isEqualTo("0");
    }

    @Test
    public void anUncaughtExceptionIsExit70WithTheStackTraceInAFileNamedInOneLine() throws Exception {
        StringWriter err = new StringWriter();
        Brickproof root = new Brickproof(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                Path.of(""), false, "brickproof scenario");
        int code = root.failed(new IllegalStateException("boom"));
        assertThat(code).isEqualTo(70);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("brickproof: internal error (a bug in Brickproof").contains("boom");
        Matcher file = Pattern.compile("stack trace in (\\S+) ").matcher(err.toString());
        assertThat(file.find()).as(err.toString()).isTrue();
        assertThat(Files.readString(Path.of(file.group(1)))).contains("command: brickproof scenario")
                .contains("java.lang.IllegalStateException: boom").contains("at dev.brickproof.cli.BrickproofTest");
    }
}
