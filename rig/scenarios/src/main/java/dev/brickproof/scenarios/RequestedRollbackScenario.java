package dev.brickproof.scenarios;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.RollbackKind;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.wait.Wait;
import java.time.Duration;
import java.util.Optional;

/**
 * Requested rollback: provision a bootloader + v1, update to the healthy v2 (the board's app variant of
 * {@link RollbackKind#CONFIRMED}), let it confirm itself and check the board runs it (flash compared), then send the
 * app's rollback command: the bootloader must bring the old image back. After the boot timeout the running app is
 * asked for its version (an app whose bootloader has no rollback keeps running and says so); judged by flash against
 * v1 and v2, then again after a power cycle.
 */
public final class RequestedRollbackScenario {
    private final Board board;
    private final ScenarioSteps steps;
    private FirmwareImage bootloader;
    private Duration settle = Duration.ofSeconds(2);
    private String versionQuery = "version\r";
    private String rollbackCommand = "rollback\r";
    private boolean throughRom;

    public RequestedRollbackScenario(Board board, ScenarioSteps steps) {
        this.board = board;
        this.steps = steps;
        this.bootloader = board.firmware().bootloader();
    }

    public RequestedRollbackScenario withBootloader(FirmwareImage boot) {
        this.bootloader = boot;
        return this;
    }

    /** The console line by which the running app asks for the backup back (default {@code rollback\r}). */
    public RequestedRollbackScenario withRollbackCommand(String command) {
        this.rollbackCommand = command;
        return this;
    }

    /** How long the new app runs before the request (past a trial window, so it has confirmed itself). Default 2 s. */
    public RequestedRollbackScenario withSettle(Duration settle) {
        this.settle = settle;
        return this;
    }

    public RequestedRollbackScenario provisionThroughRom(boolean on) {
        this.throughRom = on;
        return this;
    }

    public RequestedRollbackResult run() {
        FirmwareProfile fw = board.firmware();
        FirmwareImage v1 = fw.app();
        FirmwareImage v2 = TrialBootScenario.newAppFor(fw, board.id(), RollbackKind.CONFIRMED);
        RollbackSteps rollback = new RollbackSteps(board, steps, bootloader, versionQuery);
        rollback.install(v1, v2, throughRom);
        Duration boot = board.resource().timing().bootTimeout();
        steps.step("the new app starts: its banner within " + boot.toMillis() + " ms", () ->
                board.waitFor(Wait.forConsoleLine(v2.banner()).withTimeout(boot)));
        steps.step("let the new app run for " + settle.toMillis() + " ms", () -> board.clock().pause(settle));
        rollback.query();
        Verdict atNew = rollback.judge(v1, v2, "before the request");
        rollback.send("ask for the rollback (" + rollbackCommand.strip() + ")", rollbackCommand);
        // a loader that honours the request restores and restarts meanwhile; one that does not leaves v2 running,
        // which does not print its banner again by itself: the version query asks whatever runs then
        steps.step("leave the board alone for the boot timeout (" + boot.toMillis() + " ms)",
                () -> board.clock().pause(boot));
        rollback.query();
        Verdict afterRequest = rollback.judge(v1, v2, "after the request");
        // the judge has read past the bootloader's lines: look for the revert line in what the console received
        Optional<String> revert = board.console().lastLines(40).stream()
                .filter(l -> TrialBootScenario.REVERT.matcher(l).find()).reduce((a, b) -> b);
        revert.ifPresent(r -> steps.parameter("revert message", r));
        rollback.powerCycle("power cycle (" + board.resource().timing().powerOff().toMillis() + " ms off)",
                Duration.ZERO);
        Verdict afterPowerCycle = rollback.judge(v1, v2, "after the power cycle");
        Optional<ForensicsResult> forensics = rollback.forensicsIfNothingKnownRuns(afterPowerCycle, v1, v2,
                "requested-rollback");
        String map = forensics.map(ForensicsResult::flashMap).orElseGet(() -> rollback.flashMap(v1, v2));
        return new RequestedRollbackResult(bootloader.variant(), v1.version(), v2.label(), v2.version(), atNew, revert,
                afterRequest, afterPowerCycle, map, forensics);
    }
}
