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
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** Provision bootloader + v1, see v1 boot, update to v2 through the design's own path, see v2 boot from intact flash. */
@Epic("Updates")
@Feature("Upgrade")
public class UpgradeScenarios extends BoardScenario {

    @DataProvider(name = "boards")
    public static Object[][] boards() {
        return updatableBoards(f -> true).stream()
                .map(b -> new Object[] {b.id(), b.chip().name(), b.firmware().design(), b.firmware().bootloader().variant()})
                .toArray(Object[][]::new);
    }

    @Test(dataProvider = "boards", description = "upgrade v1 -> v2 through the design's update path")
    public void upgrade(String board, String chip, String design, String variant) {
        try {
            runUpgrade(board, design, variant);
        } finally {
            attachTranscripts();
        }
    }

    private void runUpgrade(String board, String design, String variant) {
        AllureRig.testName("upgrade " + design + " (" + variant + ") on " + board);
        Board b = board(board, "upgrade");
        FirmwareProfile fw = b.firmware();
        FirmwareImage v1 = fw.app();
        FirmwareImage v2 = fw.update();
        BoardStrategy strategy = b.newStrategy();

        provision(b, fw.bootloader(), v1);
        AllureRig.step("power on, expect the v" + v1.version() + " banner", () -> strategy.transition(BoardState.APP_RUNNING));
        String booted = strategy.lastBanner().orElseThrow().group(1) + "." + strategy.lastBanner().orElseThrow().group(2);
        assertThat(booted).as("provisioned version").isEqualTo(v1.version());

        AllureRig.step("update to v" + v2.version() + " over " + fw.protocol() + " (" + fw.updateEntry() + ")",
                () -> UpdateDrivers.forFirmware(fw)
                        .update(b, strategy, v2, UpdateDeadline.of(b, v2), ProgressListener.NONE));
        Verdict verdict = judge(b, fw, List.of(v1, v2));
        AllureRig.flashMap(b, fw.layout(), List.of(fw.bootloader(), v1, v2));
        requireNoRigFault(verdict);
        if (verdict.kind() != Verdict.Kind.BOOTED || !v2.version().equals(verdict.version())) {
            throw productDefect("BOOTED(v" + v2.version() + ")", verdict);
        }
    }
}
