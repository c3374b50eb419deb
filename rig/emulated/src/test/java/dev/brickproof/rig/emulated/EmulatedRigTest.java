package dev.brickproof.rig.emulated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.Provisioner;
import dev.brickproof.rig.update.UpdateDrivers;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictJudge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** The default emulated rig, end to end through jSerialComm on a pty and Pi4J mock pins, and in lockstep. */
public class EmulatedRigTest {

    private static RigDescription rig() throws Exception {
        Path root = Path.of(System.getProperty("brickproof.root", "../.."));
        return new RigFileLoader(Files.createTempDirectory("runs")).load(root.resolve("fixtures/rigs/emulated.yaml"));
    }

    @Test(dataProvider = "romModes")
    public void theRomBootloaderProvisionsAndReadsBackAsOnHardware(String mode) throws Exception {
        RigOptions options = RigOptions.defaults().withShutdownHook(false).withLockstep(mode.equals("lockstep"))
                .withPortDirectory(Files.createTempDirectory("by-id"));
        try (Rig rig = Rig.open(rig(), options)) {
            Board board = rig.board("f103-d1");
            FirmwareProfile fw = board.firmware();
            board.simulated().orElseThrow().eraseFlash();
            Provisioner.provisionThroughRom(board, List.of(fw.bootloader(), fw.app()));
            BoardStrategy strategy = board.newStrategy();
            strategy.transition(BoardState.APP_RUNNING);
            assertThat(strategy.lastBanner().orElseThrow().line()).isEqualTo("brickproof D1 app v1.0 (STM32F103C8)");
            byte[] back = Provisioner.romLoader(board).read(fw.app().loadAddress(), fw.app().size());
            assertThat(dev.brickproof.rig.config.FirmwareManifests.sha256(back)).isEqualTo(fw.app().sha256());
        }
    }

    @DataProvider
    public static Object[][] romModes() {
        return new Object[][] {{"real-time"}, {"lockstep"}};
    }

    @DataProvider
    public static Object[][] modes() {
        return new Object[][] {
            {"f103-d1", "real-time"}, {"f103-d1", "lockstep"},
            {"f103-d3", "real-time"}, {"f103-d3", "lockstep"},
            {"f103-d5", "real-time"}, {"f103-d5", "lockstep"},
            {"l431-ymodem", "real-time"}, {"l431-ymodem", "lockstep"},
        };
    }

    @Test(dataProvider = "modes")
    public void eachBoardBootsV1AndUpgradesToV2ThroughItsDesignsPath(String id, String mode) throws Exception {
        RigOptions options = RigOptions.defaults().withShutdownHook(false).withLockstep(mode.equals("lockstep"))
                .withPortDirectory(Files.createTempDirectory("by-id"));
        try (Rig rig = Rig.open(rig(), options)) {
            Board board = rig.board(id);
            FirmwareProfile fw = board.firmware();
            Provisioner.provision(board, List.of(fw.bootloader(), fw.app()));
            BoardStrategy strategy = board.newStrategy();
            strategy.transition(BoardState.APP_RUNNING);
            assertThat(strategy.lastBanner().orElseThrow().line()).isEqualTo("brickproof " + fw.design() + " app v1.0 ("
                    + board.resource().chip() + ")");

            UpdateDrivers.forProtocol(fw.protocol()).update(board, strategy, fw.update(), ProgressListener.NONE);
            Verdict verdict = new VerdictJudge(board).judge(fw.appBanner(), List.of(fw.app(), fw.update()),
                    board.resource().timing().bootTimeout());
            assertThat(verdict.kind()).as(verdict.toString()).isEqualTo(Verdict.Kind.BOOTED);
            assertThat(verdict.version()).isEqualTo("2.0");
            assertThat(verdict.detail()).contains("flash matches");
        }
    }
}
