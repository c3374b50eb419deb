package dev.brickproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

/** {@code brickproof health --lockstep}: every board of the default rig, and a rig with one broken console. */
public class HealthCommandTest {

    private static String[] run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path leases = Files.createTempDirectory("leases");
        String[] all = new String[args.length + 2];
        all[0] = "--lease-dir";
        all[1] = leases.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Brickproof.run(all, new PrintWriter(out, true), new PrintWriter(err, true),
                Path.of("").toAbsolutePath(), false);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    public void everyBoardOfTheDefaultRigIsHealthy() throws Exception {
        String[] r = run("--rig", ChildCli.ROOT.resolve("fixtures/rigs/emulated.yaml").toString(), "--lockstep",
                "health", "--json");
        JsonNode json = new ObjectMapper().readTree(r[1]);
        assertThat(json.path("healthy").asBoolean()).as(r[1] + r[2]).isTrue();
        assertThat(json.path("boards").size()).isGreaterThanOrEqualTo(6);
        json.path("boards").forEach(b -> assertThat(b.path("probes").size()).isEqualTo(5));
        assertThat(r[0]).isEqualTo("0");
    }

    @Test
    public void aBoardWithABrokenConsoleIsUnhealthyAndTheOthersAreStillChecked() throws Exception {
        String text = Files.readString(ChildCli.ROOT.resolve("fixtures/rigs/emulated.yaml"))
                .replace("../firmware/", ChildCli.ROOT.resolve("fixtures/firmware").toString() + "/");
        int at = text.indexOf("- id: f103-d5");
        int seed = text.indexOf("      seed:", at);
        text = text.substring(0, seed) + "      faults: [console-dead]\n" + text.substring(seed);
        Path rig = Files.createTempDirectory("rig").resolve("broken-console.yaml");
        Files.writeString(rig, text);

        String[] r = run("--rig", rig.toString(), "--lockstep", "health");
        assertThat(r[0]).as(r[1] + r[2]).isEqualTo("2");
        assertThat(r[1]).contains("UNHEALTHY  f103-d5").contains("left out of runs: a rig fault")
                .contains("healthy    f103-d1").contains("healthy    l431-d4-pingpong");
    }
}
