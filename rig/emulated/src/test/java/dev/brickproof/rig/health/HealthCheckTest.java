package dev.brickproof.rig.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.config.RigFileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

/** Health jobs on the default emulated rig in lockstep: every board passes; a miswired relay is caught. */
public class HealthCheckTest {
    private static final Path ROOT = Path.of(System.getProperty("brickproof.root", "../.."));

    private static Rig open(Path rigFile) throws Exception {
        return Rig.open(new RigFileLoader(Files.createTempDirectory("runs")).load(rigFile),
                RigOptions.defaults().withShutdownHook(false).withLockstep(true));
    }

    @Test
    public void everyBoardOfTheDefaultRigIsHealthy() throws Exception {
        try (Rig rig = open(ROOT.resolve("fixtures/rigs/emulated.yaml"))) {
            for (Board board : rig.boards()) {
                HealthReport report = new HealthCheck(board).run();
                assertThat(report.healthy()).as("%s: %s", board.id(), report).isTrue();
                assertThat(report.probes()).extracting(HealthReport.Probe::name)
                        .containsExactly("rom", "provision", "power", "reset", "power-off");
                assertThat(report.probes().get(0).detail()).contains("PID 0x" + Integer.toHexString(
                        board.resource().chip().productId()).toUpperCase());
                assertThat(report.probes().get(2).detail()).contains(" boot v1.0 (");
            }
        }
    }

    /**
     * In real time the power probe's boot is still printing ("IAP: starting app") when the banner is seen; an
     * NRST pulse right then left that line unterminated and glued the new banner to it, so the reset probe of
     * the L431 boards never saw a banner line. The probe now lets the console settle first.
     */
    @Test
    public void theBoardsWhoseBootKeepsPrintingAfterTheBannerAreHealthyInRealTime() throws Exception {
        try (Rig rig = Rig.open(new RigFileLoader(Files.createTempDirectory("runs"))
                        .load(ROOT.resolve("fixtures/rigs/emulated.yaml")),
                RigOptions.defaults().withShutdownHook(false).withLockstep(false)
                        .withBoards(java.util.List.of("l431-ymodem", "l431-d4-pingpong")))) {
            for (String id : java.util.List.of("l431-ymodem", "l431-d4-pingpong")) {
                Board board = rig.boards().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow();
                HealthReport report = new HealthCheck(board).run();
                assertThat(report.healthy()).as("%s: %s", id, report).isTrue();
            }
        }
    }

    /** The default rig with one board given rig faults in its emulated wiring. */
    private static Path rigWithFaults(String board, String faults) throws Exception {
        String text = Files.readString(ROOT.resolve("fixtures/rigs/emulated.yaml"))
                .replace("../firmware/", ROOT.resolve("fixtures/firmware").toString() + "/");
        int at = text.indexOf("- id: " + board);
        int seed = text.indexOf("      seed:", at);
        text = text.substring(0, seed) + "      faults: [" + faults + "]\n" + text.substring(seed);
        Path file = Files.createTempDirectory("rig").resolve("faulty.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    public void aDeadConsoleFailsTheRomProbeAndTheOtherBoardsStayHealthy() throws Exception {
        try (Rig rig = open(rigWithFaults("f103-d5", "console-dead"))) {
            HealthReport report = new HealthCheck(rig.board("f103-d5")).run();
            assertThat(report.healthy()).as(report.toString()).isFalse();
            assertThat(report.firstProblem()).startsWith("rom:");
            assertThat(report.probes()).extracting(HealthReport.Probe::status).containsExactly(
                    HealthReport.Status.FAILED, HealthReport.Status.NOT_RUN, HealthReport.Status.NOT_RUN,
                    HealthReport.Status.NOT_RUN, HealthReport.Status.NOT_RUN);
            HealthReport other = new HealthCheck(rig.board("f103-d3")).run();
            assertThat(other.healthy()).as(other.toString()).isTrue();
        }
    }

    @Test
    public void aWeldedRelayIsCaughtBecauseTheConsoleNeverFallsSilent() throws Exception {
        try (Rig rig = open(rigWithFaults("f103-d1", "relay-stuck-on"))) {
            HealthReport report = new HealthCheck(rig.board("f103-d1")).run();
            assertThat(report.healthy()).as(report.toString()).isFalse();
            assertThat(report.firstProblem()).startsWith("power");
        }
    }
}
