package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brickproof.api.PowerCut;
import dev.brickproof.rig.Board;
import dev.brickproof.rig.ProtocolException;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.driver.SimulatedBoard;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.UpdatePhase;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.UpdateDeadline;
import dev.brickproof.rig.update.UpdateDrivers;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * What the rig's update driver does when the board loses power under it: a cut one third into the programming of
 * the image (the {@code transfer} cut point, from the library's dry run) leaves the design's client without its
 * board, and it fails with a typed rig exception, {@link RigTimeoutException} (the device fell silent) or a
 * {@link ProtocolException} (it said something the protocol does not allow before going quiet); nothing else.
 */
public class ClientPowerLossTest {

    @DataProvider(parallel = true)
    public Object[][] bootloaders() {
        return ReferenceDesigns.seedBootloaders().stream().map(b -> new Object[] {b}).toArray(Object[][]::new);
    }

    @Test(dataProvider = "bootloaders")
    public void aCutAThirdIntoTheTransferLeavesTheClientFailingWithATypedRigException(ReferenceDesigns.Bootloader boot) {
        int cut;
        try (SweepBoard sb = SweepBoard.open(boot.rig(), boot.board(), boot.image().variant(), 0)) {
            List<TracedOp> program = sb.dryRun().operations().stream()
                    .filter(o -> o.phase().equals(Optional.of(UpdatePhase.PROGRAM))).toList();
            assertThat(program).as("%s programs the image", boot).isNotEmpty();
            cut = program.get(program.size() / 3).position();
        }
        try (Rig rig = boot.open()) {
            Board board = rig.board(boot.board());
            FirmwareProfile fw = board.firmware();
            SimulatedBoard sim = board.simulated().orElseThrow();
            BoardStrategy strategy = BoardSetup.startAtV1(board, boot.image(), false, ScenarioSteps.NONE);
            sim.armPowerCut(PowerCut.beforeFlashOp(cut));
            Throwable failure = catchThrowable(() -> UpdateDrivers.forFirmware(fw).update(board, strategy, fw.update(),
                    UpdateDeadline.of(board, fw.update()), ProgressListener.NONE));
            assertThat(sim.powerCutFired()).as("%s: the cut before flash op #%d fired", boot, cut).isTrue();
            assertThat(failure).as("%s: the client that lost its board at flash op #%d", boot, cut)
                    .isInstanceOfAny(RigTimeoutException.class, ProtocolException.class);
        }
    }
}
