package dev.brickproof.suites;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.UpdateDeadline;
import dev.brickproof.rig.update.UpdateDrivers;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.scenarios.UpgradeResult;
import dev.brickproof.scenarios.UpgradeScenario;
import dev.brickproof.testng.Recoverability;
import dev.brickproof.testng.RigSession;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.testng.ITestContext;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Factory;
import org.testng.annotations.Test;

/** Provision bootloader + v1, see v1 boot, update to v2 through the design's own path, see v2 boot from intact flash. */
@Epic("Updates")
@Feature("Upgrade")
public class UpgradeScenarios extends BoardScenario {

    public UpgradeScenarios() {
        super();
    }

    UpgradeScenarios(String board) {
        super(board);
    }

    @Factory
    public static Object[] eachBoard(ITestContext context) {
        return perBoard(context, UpgradeScenarios::new);
    }

    @DataProvider(name = "boards")
    public Object[][] boards(ITestContext context) {
        return updatableBoards(RigSession.of(context), f -> true).stream().filter(b -> runs(b.id()))
                .map(b -> new Object[] {b.id(), b.chip().name(), b.firmware().design(), b.firmware().bootloader().variant()})
                .toArray(Object[][]::new);
    }

    @Test(dataProvider = "boards", description = "upgrade v1 -> v2 through the design's update path")
    public void upgrade(String board, String chip, String design, String variant) {
        try {
            steps.testName("upgrade " + design + " (" + variant + ") on " + board);
            Board b = board(board, "upgrade");
            UpgradeResult r = new UpgradeScenario(b, steps).provisionThroughRom(throughRom).run();
            assertThat(r.before()).as("provisioned version").isEqualTo(b.firmware().app().version());
            requireNoRigFault(r.verdict());
            if (!r.promiseKept()) {
                throw productDefect("BOOTED(v" + r.expected() + ")", r.verdict());
            }
            Recoverability.require(r.forensics());
        } finally {
            attachTranscripts();
        }
    }
}
