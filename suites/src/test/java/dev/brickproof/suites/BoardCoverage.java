package dev.brickproof.suites;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.testng.BoardSelection;
import dev.brickproof.testng.RigSession;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.testng.ITestContext;
import org.testng.annotations.Test;

/**
 * No board of the selected rig is silently left out of the scenarios: every board that declares firmware gets an
 * upgrade row and power-cut rows. Loads the rig file only; no board is opened. (A board whose protocol has no
 * update driver cannot get this far: the rig file fails to load with a configuration error.)
 */
public class BoardCoverage {

    private static List<String> boardsWithFirmware(ITestContext context) {
        return BoardSelection.fromSystemProperty().of(RigSession.of(context).description()).stream()
                .filter(b -> b.firmwareProfile().isPresent())
                .map(BoardResource::id)
                .toList();
    }

    @Test(description = "every board of the rig declares firmware or is rig-only on purpose")
    public void theDefaultRigHasNoRigOnlyBoard(ITestContext context) {
        RigSession session = RigSession.of(context);
        if (session.rigFile().endsWith("fixtures/rigs/emulated.yaml") && BoardSelection.fromSystemProperty().isAll()) {
            assertThat(boardsWithFirmware(context)).as("boards of the default rig that the update scenarios run")
                    .containsExactlyElementsOf(session.description().boards().stream().map(BoardResource::id).toList())
                    .hasSizeGreaterThanOrEqualTo(6);
        }
    }

    @Test(description = "every board with firmware appears in the upgrade scenarios' data provider")
    public void everyBoardAppearsInTheUpgradeScenarios(ITestContext context) {
        Set<Object> ids = Arrays.stream(new UpgradeScenarios().boards(context)).map(row -> row[0]).collect(Collectors.toSet());
        assertThat(ids).containsExactlyInAnyOrderElementsOf(boardsWithFirmware(context));
    }

    @Test(description = "every board with firmware appears in the power-cut scenarios' data provider")
    public void everyBoardAppearsInThePowerCutScenarios(ITestContext context) {
        Set<Object> ids = Arrays.stream(new PowerCutScenarios().cuts(context)).map(row -> row[0]).collect(Collectors.toSet());
        assertThat(ids).containsExactlyInAnyOrderElementsOf(boardsWithFirmware(context));
    }
}
