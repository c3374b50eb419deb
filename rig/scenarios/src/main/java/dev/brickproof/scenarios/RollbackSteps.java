package dev.brickproof.scenarios;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.UpdateDeadline;
import dev.brickproof.rig.update.UpdateDrivers;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.verdict.VerdictJudge;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The steps the rollback scenarios share ({@link TrialBootScenario}, {@link RequestedRollbackScenario}): v1
 * provisioned and running, the new app installed through the design's own update path, a version query to the
 * running app, a verdict with flash compared against v1 and that exact v2, a power cycle, the flash map.
 */
final class RollbackSteps {
    private final Board board;
    private final ScenarioSteps steps;
    private final FirmwareImage bootloader;
    private final String versionQuery;

    RollbackSteps(Board board, ScenarioSteps steps, FirmwareImage bootloader, String versionQuery) {
        this.board = board;
        this.steps = steps;
        this.bootloader = bootloader;
        this.versionQuery = versionQuery;
    }

    /** Bootloader + v1 provisioned, v1 running, then {@code v2} installed over the design's own protocol. */
    void install(FirmwareImage v1, FirmwareImage v2, boolean throughRom) {
        FirmwareProfile fw = board.firmware();
        steps.parameter("new app", v2.label());
        BoardStrategy strategy = board.newStrategy();
        BoardSetup.provision(board, bootloader, v1, throughRom, steps);
        steps.step("power on, expect the v" + v1.version() + " banner", () -> strategy.transition(BoardState.APP_RUNNING));
        steps.step("update to " + v2.label() + " over " + fw.protocol() + " (" + fw.updateEntry() + ")",
                () -> UpdateDrivers.forFirmware(fw).update(board, strategy, v2, UpdateDeadline.of(board, v2),
                        ProgressListener.NONE));
    }

    /** A banner printed before the query belongs to a boot that may since have died: only what comes after counts. */
    void query() {
        send("ask the running app for its version (" + versionQuery.strip() + ")", versionQuery);
    }

    /** Sends a console command on a line of its own (a lone CR ends any partial line first). */
    void send(String stepName, String command) {
        steps.step(stepName, () -> {
            board.console().skipPending();
            board.console().send("\r" + command);
        });
    }

    Verdict judge(FirmwareImage v1, FirmwareImage v2, String when) {
        Duration boot = board.resource().timing().bootTimeout();
        Verdict v = steps.step("decide the verdict " + when + " (banner within " + boot.toMillis()
                + " ms, flash read back against v" + v1.version() + " and " + v2.label() + ")",
                () -> new VerdictJudge(board).judge(board.firmware().appBanner(), List.of(v1, v2), boot));
        steps.attach("verdict " + when, "text/plain", v.toString(), ".txt");
        return v;
    }

    /** Relay off for the rig's off time, on again, then {@code leaveAlone} with nobody talking to the board. */
    void powerCycle(String stepName, Duration leaveAlone) {
        steps.step(stepName, () -> {
            board.power().off();
            board.clock().pause(board.resource().timing().powerOff());
            board.console().skipPending();
            board.power().on();
            if (!leaveAlone.isZero()) {
                board.clock().pause(leaveAlone);
            }
        });
    }

    /** The flash map against bootloader, v1 and v2, attached and returned. */
    String flashMap(FirmwareImage v1, FirmwareImage v2) {
        String map = FlashMap.of(board, bootloader.layout(), List.of(bootloader, v1, v2));
        steps.attach("flash map " + board.id(), "text/plain", map, ".txt");
        return map;
    }

    /**
     * Forensics (flash dump, region diff against bootloader, v1 and v2, recovery through the ROM bootloader) when
     * the board ended running no image it was given: BRICKED or CORRUPTED, whatever the manifest promised.
     */
    Optional<ForensicsResult> forensicsIfNothingKnownRuns(Verdict last, FirmwareImage v1, FirmwareImage v2,
                                                         String scenario) {
        Optional<String> runs = last.kind() == Verdict.Kind.BOOTED ? Optional.of(last.version()) : Optional.empty();
        if (!Forensics.needed(last, runs)) {
            return Optional.empty();
        }
        return Optional.of(new Forensics(board, steps).examine(last, bootloader, List.of(bootloader, v1, v2),
                scenario));
    }
}
