package dev.brickproof.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.UpdatePhase;
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
 * show, and a phase it makes a promise for is one they do (else the scenario reports a rig fault).
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
        }
    }
}
