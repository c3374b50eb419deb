package dev.brickproof.scenarios;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.RollbackKind;
import dev.brickproof.rig.verdict.Verdict;
import dev.brickproof.rig.wait.Wait;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Trial boot: provision a bootloader + v1, update through the design's own path to a v2 that crashes, hangs or never
 * confirms itself at its first boot (or a healthy one, the positive control), see it start, leave the board alone
 * for the trial window, then ask the running app for its version (a console query, not a reset) and judge what runs,
 * flash compared with v1 and that exact v2; then power cycle, leave it alone again and judge the same way (what the
 * board came back to must stick). A new app that dies after its banner with nothing to reset the board answers no
 * query: BRICKED; one kept in a watchdog reset loop prints its banner again within the boot timeout: NEW_BOOTS. The failing apps are the board's app variants named by {@link RollbackKind#appVariant()}.
 */
public final class TrialBootScenario {
    /** What the bootloader prints when it reverts (fixtures/firmware boot/ymodem.c -DYM_TRIAL, D4 "rolling back"). */
    static final Pattern REVERT = Pattern.compile("(?i)restoring the backup|rolling back|revert");

    private final Board board;
    private final ScenarioSteps steps;
    private FirmwareImage bootloader;
    private Duration trialWindow = Duration.ofSeconds(2);
    private String versionQuery = "version\r";
    private boolean throughRom;

    public TrialBootScenario(Board board, ScenarioSteps steps) {
        this.board = board;
        this.steps = steps;
        this.bootloader = board.firmware().bootloader();
    }

    /** Another bootloader variant of the board's design instead of its own (the trial-boot one, a weak one). */
    public TrialBootScenario withBootloader(FirmwareImage boot) {
        this.bootloader = boot;
        return this;
    }

    /**
     * How long the board is left alone after the new app's banner: at least the bootloader's watchdog period plus
     * its restore time (the reference trial bootloader: 1.024 s watchdog). Default 2 s.
     */
    public TrialBootScenario withTrialWindow(Duration window) {
        this.trialWindow = window;
        return this;
    }

    /** The console line that makes a running app print its banner again (default {@code version\r}). */
    public TrialBootScenario withVersionQuery(String query) {
        this.versionQuery = query;
        return this;
    }

    /** Provision emulated boards through the STM32 ROM bootloader too, as on hardware. */
    public TrialBootScenario provisionThroughRom(boolean on) {
        this.throughRom = on;
        return this;
    }

    /** The board's app that behaves as {@code kind} at its first boot (from the rig file's variants). */
    public static FirmwareImage newAppFor(FirmwareProfile fw, String boardId, RollbackKind kind) {
        String variant = kind.appVariant().orElseThrow(() -> new IllegalArgumentException(kind.key()
                + " needs no failing app: use RequestedRollbackScenario"));
        return fw.variants().values().stream().filter(v -> !v.isBootloader() && v.variant().equals(variant))
                .findFirst().orElseThrow(() -> new RigConfigurationException("the rig file",
                        "boards[" + boardId + "].firmware.variants", "no app with variant '" + variant
                        + "' for the trial-boot scenario '" + kind.key() + "'", "list the app's manifest among the"
                        + " board's variants (fixtures/firmware builds *-trial-app-v2.0-" + variant + ")"));
    }

    public TrialBootResult run(RollbackKind kind) {
        FirmwareProfile fw = board.firmware();
        FirmwareImage v1 = fw.app();
        FirmwareImage v2 = newAppFor(fw, board.id(), kind);
        Duration boot = board.resource().timing().bootTimeout();
        RollbackSteps rollback = new RollbackSteps(board, steps, bootloader, versionQuery);
        rollback.install(v1, v2, throughRom);
        boolean started = steps.step("the new app starts on trial: its banner within " + boot.toMillis() + " ms",
                () -> bannerOf(v2, boot));
        steps.parameter("new app started", started);
        Optional<String> revert = steps.step("leave the board alone for the trial window (" + trialWindow.toMillis()
                + " ms)", () -> {
                    board.clock().pause(trialWindow);
                    return board.console().poll(REVERT).map(m -> m.line());
                });
        revert.ifPresent(r -> steps.parameter("revert message", r));
        rollback.query();
        Verdict afterTrial = rollback.judge(v1, v2, "after the trial window");
        rollback.powerCycle("power cycle (" + board.resource().timing().powerOff().toMillis() + " ms off), then leave"
                + " the board alone for the boot timeout and the trial window", boot.plus(trialWindow));
        rollback.query();
        Verdict afterPowerCycle = rollback.judge(v1, v2, "after the power cycle");
        Optional<ForensicsResult> forensics = rollback.forensicsIfNothingKnownRuns(afterPowerCycle, v1, v2,
                "trial-boot-" + kind.key());
        String map = forensics.map(ForensicsResult::flashMap).orElseGet(() -> rollback.flashMap(v1, v2));
        return new TrialBootResult(kind, bootloader.variant(), v1.version(), v2.label(), v2.version(), started, revert,
                afterTrial, afterPowerCycle, map, forensics);
    }

    private boolean bannerOf(FirmwareImage image, Duration timeout) {
        try {
            board.waitFor(Wait.forConsoleLine(image.banner()).withTimeout(timeout));
            return true;
        } catch (RigTimeoutException e) {
            return false;
        }
    }
}
