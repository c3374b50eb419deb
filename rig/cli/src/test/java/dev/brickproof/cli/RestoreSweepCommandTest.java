package dev.brickproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.testng.annotations.Test;

/** {@code sweep --path restore} and {@code replay --path restore}: what they print and their exit codes. */
public class RestoreSweepCommandTest {
    private static final String RIG = ChildCli.ROOT.resolve("fixtures/rigs/emulated.yaml").toString();

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Brickproof.run(args, new PrintWriter(out, true), new PrintWriter(err, true),
                Path.of("").toAbsolutePath(), false);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    public void aTrialBootLoadersRestoreSweptAtAStrideKeepsItsPromise() {
        String[] r = run("--rig", RIG, "--board", "l431-ymodem", "sweep", "--variant", "trial-boot", "--path",
                "restore", "--stride", "97");
        assertThat(r[1]).contains("restore after a crash at trial boot of YMODEM app v2.0")
                .contains("promised after a cut: OLD_BOOTS; uninterrupted: BOOTED(v1.0)")
                .contains("773 restore flash operations").contains(" 0 bad");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
    }

    @Test
    public void aRestoreThatDoesNotHappenBreaksTheRobustPromiseWithoutAnyCut() {
        // D4-PP keeps a crashing v2 (no trial boot): asked to sweep the restore after a crash, nothing is restored
        String[] r = run("--rig", RIG, "--board", "l431-d4-pingpong", "sweep", "--path", "restore", "--trigger",
                "crash");
        assertThat(r[1]).contains("uninterrupted: BRICKED (breaks the promise without any cut)");
        assertThat(r[0]).as(r[2]).isEqualTo("1");
    }

    @Test
    public void aBootloaderWhoseManifestPromisesNothingAboutItsRestoreIsAConfigurationError() {
        String[] r = run("--rig", RIG, "--board", "l431-ymodem", "sweep", "--path", "restore");
        assertThat(r[2]).contains("l431-ymodem-boot.yaml").contains("rollback.interrupted-restore")
                .contains("Fix: add 'interrupted-restore:");
        assertThat(r[0]).isEqualTo("3");
    }

    @Test
    public void aTriggerWithoutTheRestorePathAndLinkCutsOfARestoreAreUsageErrors() {
        String[] trigger = run("--rig", RIG, "--board", "l431-ymodem", "sweep", "--trigger", "crash");
        assertThat(trigger[2]).contains("--trigger needs --path restore");
        assertThat(trigger[0]).isEqualTo("64");
        String[] link = run("--rig", RIG, "--board", "l431-ymodem", "sweep", "--variant", "trial-boot", "--path",
                "restore", "--kinds", "link");
        assertThat(link[2]).contains("a restore has no transfer to cut");
        assertThat(link[0]).isEqualTo("64");
    }

    @Test
    public void aRestoreCutReplaysToTheOldImage() {
        String[] r = run("--rig", RIG, "--board", "l431-ymodem", "replay", "--variant", "trial-boot", "--path",
                "restore", "--cut", "before:300");
        assertThat(r[1]).contains("cut: before:300").contains("verdict: BOOTED(v1.0)").contains("flash sha256: ");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
    }
}
