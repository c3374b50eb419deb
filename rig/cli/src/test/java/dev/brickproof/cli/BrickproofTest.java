package dev.brickproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.testng.annotations.Test;

public class BrickproofTest {
    private static final String RIG = Path.of(System.getProperty("brickproof.root", "../.."))
            .resolve("fixtures/rigs/emulated.yaml").toString();

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Brickproof.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    public void theScenarioCommandUpgradesAnEmulatedBoardInLockstep() {
        String[] r = run("--rig", RIG, "--board", "f103-d1", "--lockstep", "scenario");
        assertThat(r[1]).contains("before: brickproof D1 app v1.0").contains("verdict: BOOTED(v2.0)");
        assertThat(r[0]).isEqualTo("0");
    }

    @Test
    public void recoverGoesThroughTheRomBootloader() {
        String[] r = run("--rig", RIG, "--board", "f103-d3", "--lockstep", "recover");
        assertThat(r[1]).contains("recovered: brickproof D3 app v1.0");
        assertThat(r[0]).isEqualTo("0");
    }

    @Test
    public void aRigErrorIsOneMessageAndExitCode2() {
        String[] r = run("--rig", "no-such-rig.yaml", "--board", "x", "scenario");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("brickproof: no-such-rig.yaml").contains("-Drig=");
    }
}
