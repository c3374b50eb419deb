package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brickproof.api.PowerCut;
import dev.brickproof.rig.Board;
import dev.brickproof.rig.ProtocolException;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.driver.SimulatedBoard;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.UpdatePhase;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.UpdateDeadline;
import dev.brickproof.rig.update.UpdateDrivers;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * The manifests' expectedOutcome tables are true, checked through the rig's own procedures in lockstep: for every
 * reference bootloader and every phase it has, {@link PowerCutScenario} cuts power just before the middle flash
 * operation of the phase (a third into the image for {@code transfer}), power returns with nothing attached, and
 * the verdict keeps the manifest's promise ({@code RESUMES}: the host's retry then boots v2.0). A phase the manifest
 * calls {@code NOT_APPLICABLE} is one the update's flash operations (the library's phases of the dry run) never
 * show, and a phase it makes a promise for is one they do (else the scenario reports a rig fault). At the transfer
 * cut the design's client must fail with a typed rig exception.
 */
public class ReferenceDesignPowerCutTest {
    /** Shared so that each bootloader's dry run happens once (the scenario keeps them per board and variant). */
    private final PowerCutScenario scenario = new PowerCutScenario(ScenarioSteps.NONE);

    @DataProvider(parallel = true)
    public Object[][] cuts() {
        List<Object[]> rows = new ArrayList<>();
        for (ReferenceDesigns.Bootloader boot : ReferenceDesigns.seedBootloaders()) {
            for (UpdatePhase phase : UpdatePhase.values()) {
                rows.add(new Object[] {boot, phase});
            }
        }
        return rows.toArray(Object[][]::new);
    }

    @Test(dataProvider = "cuts")
    public void cutInPhaseEndsAsTheManifestSays(ReferenceDesigns.Bootloader boot, UpdatePhase phase) {
        try (Rig rig = boot.open()) {
            if (boot.image().outcomeAfterCutIn(phase).orElseThrow() == Outcome.NOT_APPLICABLE) {
                // the scenario's dry run finds no operation of the phase, and says so before it provisions anything
                assertThatThrownBy(() -> scenario.run(rig.board(boot.board()), boot.image(), phase))
                        .as("%s: the manifest says %s is not applicable, so the update must not have it", boot,
                                phase.key())
                        .isInstanceOf(RigException.class).hasMessageContaining("showed no flash operation of phase "
                                + phase.key());
                return;
            }
            PowerCutResult r = scenario.run(rig.board(boot.board()), boot.image(), phase);
            assertThat(r.cutBefore()).as("an emulator cut was armed").isPresent();
            assertThat(r.promiseKept()).as("%s cut in %s before op #%s: expected %s, got %s\n%s", boot, phase.key(),
                    r.cutBefore().orElseThrow(), r.expectation(), r.verdict(), r.flashMap()).isTrue();
            if (phase == UpdatePhase.TRANSFER) {
                assertTheClientFailsTypedWhenItsBoardDies(rig.board(boot.board()), boot, r.cutBefore().orElseThrow());
            }
        }
    }

    /**
     * The same cut once more, with the design's update driver watched: a cut one third into the image leaves the
     * client without its board, and it fails with a typed rig exception, {@link RigTimeoutException} (the device
     * fell silent) or a {@link ProtocolException} (it said something the protocol does not allow first); nothing
     * else. (The scenario itself takes any rig exception once the cut has fired.)
     */
    private static void assertTheClientFailsTypedWhenItsBoardDies(Board board, ReferenceDesigns.Bootloader boot,
                                                                  int cut) {
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
