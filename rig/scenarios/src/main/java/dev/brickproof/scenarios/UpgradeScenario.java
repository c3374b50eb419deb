package dev.brickproof.scenarios;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.UpdateDeadline;
import dev.brickproof.rig.update.UpdateDrivers;
import dev.brickproof.rig.verdict.Verdict;
import java.util.List;

/**
 * Provision bootloader + v1, see v1 boot, update to v2 through the design's own path, judge: v2 must boot from
 * intact flash.
 */
public final class UpgradeScenario {
    private final Board board;
    private final ScenarioSteps steps;
    private boolean throughRom;
    private FirmwareImage bootloader;
    private ProgressListener progress = ProgressListener.NONE;

    public UpgradeScenario(Board board, ScenarioSteps steps) {
        this.board = board;
        this.steps = steps;
    }

    /** Provision emulated boards through the STM32 ROM bootloader too, as on hardware. */
    public UpgradeScenario provisionThroughRom(boolean on) {
        this.throughRom = on;
        return this;
    }

    /** Upgrade a board running this bootloader (a variant of the rig file's) instead of the board's own. */
    public UpgradeScenario withBootloader(FirmwareImage image) {
        this.bootloader = image;
        return this;
    }

    /** Told about the transfer's progress (a progress bar on a terminal). */
    public UpgradeScenario withProgress(ProgressListener listener) {
        this.progress = listener;
        return this;
    }

    public UpgradeResult run() {
        FirmwareProfile fw = board.firmware();
        FirmwareImage v1 = fw.app();
        FirmwareImage v2 = fw.update();
        FirmwareImage boot = bootloader != null ? bootloader : fw.bootloader();
        BoardStrategy strategy = BoardSetup.startAtV1(board, boot, throughRom, steps);
        var banner = strategy.lastBanner().orElseThrow();
        String booted = banner.group(1) + "." + banner.group(2);
        steps.step("update to v" + v2.version() + " over " + fw.protocol() + " (" + fw.updateEntry() + ")",
                () -> UpdateDrivers.forFirmware(fw).update(board, strategy, v2, UpdateDeadline.of(board, v2), progress));
        Verdict verdict = BoardSetup.judge(board, steps);
        var forensics = new Forensics(board, steps).ifNeeded(verdict, java.util.Optional.of(v2.version()),
                boot, "upgrade");
        String map = forensics.map(ForensicsResult::flashMap)
                .orElseGet(() -> BoardSetup.flashMap(board, List.of(boot, v1, v2), steps));
        UpgradeResult result = new UpgradeResult(booted, verdict, v2.version(), map, forensics);
        steps.record(new ScenarioRecord("upgrade", board.id(), boot.variant(), result));
        return result;
    }
}
