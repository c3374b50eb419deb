package dev.brickproof.rig.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.ProtocolException;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.driver.FlashReader;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.tobudos.Crc8;
import dev.brickproof.rig.protocol.tobudos.KvState;
import dev.brickproof.rig.protocol.tobudos.OtaImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.Region;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictJudge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** The D4 OTA driver against the reference D4 firmware on the default rig's emulated L431 boards (lockstep). */
public class TobudosOtaUpdateTest {

    private static RigDescription rig() throws Exception {
        Path root = Path.of(System.getProperty("brickproof.root", "../.."));
        return new RigFileLoader(Files.createTempDirectory("runs")).load(root.resolve("fixtures/rigs/emulated.yaml"));
    }

    private static Rig open() throws Exception {
        return Rig.open(rig(), RigOptions.defaults().withShutdownHook(false).withLockstep(true)
                .withPortDirectory(Files.createTempDirectory("by-id")));
    }

    @DataProvider
    public static Object[][] d4Boards() {
        return new Object[][] {{"l431-d4-inplace"}, {"l431-d4-pingpong"}};
    }

    @Test
    public void theRigFileProtocolTobudosSelectsThisDriver() {
        assertThat(UpdateDrivers.supports("tobudos")).isTrue();
        assertThat(UpdateDrivers.forProtocol("tobudos")).isInstanceOf(TobudosOtaUpdate.class);
    }

    @Test(dataProvider = "d4Boards")
    public void v1UpdatesToV2AndTheKvLogEndsWithV2CurrentAndNothingPending(String id) throws Exception {
        try (Rig rig = open()) {
            Board board = rig.board(id);
            FirmwareProfile fw = board.firmware();
            Provisioner.provision(board, List.of(fw.bootloader(), fw.app()));
            BoardStrategy strategy = board.newStrategy();
            strategy.transition(BoardState.APP_RUNNING);
            List<Double> progress = new ArrayList<>();

            new TobudosOtaUpdate().update(board, strategy, fw.update(), p -> progress.add(p.fraction()));

            Verdict verdict = new VerdictJudge(board).judge(fw.appBanner(), List.of(fw.app(), fw.update()),
                    board.resource().timing().bootTimeout());
            assertThat(verdict.kind()).as(verdict.toString()).isEqualTo(Verdict.Kind.BOOTED);
            assertThat(verdict.version()).isEqualTo("2.0");
            assertThat(verdict.detail()).contains("flash matches");
            assertThat(progress).as("progress reported during the YMODEM transfer").isNotEmpty();
            FlashReader flash = board.flashReader().orElseThrow();
            Region kv = fw.layout().region("kv").orElseThrow();
            KvState log = KvState.replay(flash.read(kv.start(), kv.size()));
            assertThat(log.updatePending()).isFalse();
            assertThat(log.curVersion()).containsExactly(2, 0);
            Region ota = fw.layout().region("ota").orElseThrow();
            byte[] staged = flash.read(ota.start(), OtaImage.HEADER_SIZE + fw.update().size());
            OtaImage header = OtaImage.decode(staged);
            assertThat(new int[] {header.oldMajor(), header.oldMinor(), header.newMajor(), header.newMinor()})
                    .as("old = the running v1.0, new = v2.0").containsExactly(1, 0, 2, 0);
        }
    }

    @Test
    public void theOtaHeaderDescribesTheRunningImageAndTheNewOne() throws Exception {
        FirmwareProfile fw = rig().boards().stream().filter(b -> b.id().equals("l431-d4-inplace")).findFirst()
                .orElseThrow().firmware();
        byte[] v1 = Files.readAllBytes(fw.app().file());
        byte[] v2 = Files.readAllBytes(fw.update().file());

        OtaImage ota = OtaImage.decode(TobudosOtaUpdate.otaImage(fw.app(), fw.update()));

        assertThat(ota.oldSize()).isEqualTo(v1.length);
        assertThat(ota.oldCrc()).isEqualTo(Crc8.of(v1));
        assertThat(ota.newSize()).isEqualTo(v2.length);
        assertThat(ota.image()).isEqualTo(v2);
    }

    @Test
    public void theRunningImageIsFoundByTheBannerVersionAndAnUnknownOneAsksForItsImage() throws Exception {
        FirmwareProfile fw = rig().boards().stream().filter(b -> b.id().equals("l431-d4-pingpong")).findFirst()
                .orElseThrow().firmware();

        assertThat(TobudosOtaUpdate.runningImage(fw, "1.0")).isEqualTo(fw.app());
        assertThat(TobudosOtaUpdate.runningImage(fw, "2.0")).isEqualTo(fw.update());
        assertThatThrownBy(() -> TobudosOtaUpdate.runningImage(fw, "7.1"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("v7.1").hasMessageContaining("firmware.variants");
    }

    @Test
    public void anApplicationThatNeverOffersTheReceiverTimesOutNamingIt() throws Exception {
        try (Rig rig = open()) {
            Board board = rig.board("l431-d4-inplace");
            FirmwareProfile fw = board.firmware();
            Provisioner.provision(board, List.of(fw.bootloader(), fw.app()));
            BoardStrategy strategy = board.newStrategy();
            strategy.transition(BoardState.APP_RUNNING);
            board.power().off();   // the application cannot answer the update command

            assertThatThrownBy(() -> new TobudosOtaUpdate().resume(board, fw.update(), ProgressListener.NONE))
                    .isInstanceOf(dev.brickproof.rig.RigTimeoutException.class)
                    .hasMessageContaining("YMODEM receiver");
        }
    }
}
