package dev.brickproof.scenarios;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.BoardStateException;
import dev.brickproof.rig.ProtocolException;
import dev.brickproof.rig.RigTimeoutException;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.RejectKind;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.update.UpdateDeadline;
import dev.brickproof.rig.update.UpdateDrivers;
import dev.brickproof.rig.verdict.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Provision bootloader + v1 (then upgrade to v2 for a downgrade), send a bad image through the design's own update
 * path, judge what the board does (within the boot timeout, so the bootloader finishes its work), then power cycle
 * and judge what boots, flash compared with the real images. A driver that stops because the device refused
 * (a protocol error, or the device falling silent) is the reject being tested, not a rig fault.
 */
public final class RejectedImageScenario {
    private final Board board;
    private final ScenarioSteps steps;
    private final BadImages generator;
    private Optional<FirmwareImage> foreignApp = Optional.empty();
    private boolean throughRom;
    private FirmwareImage bootloader;

    /** {@code workDir}: where the generated images are written. */
    public RejectedImageScenario(Board board, ScenarioSteps steps, Path workDir) {
        this.board = board;
        this.steps = steps;
        this.generator = new BadImages(workDir);
        this.bootloader = board.firmware().bootloader();
    }

    /** Another bootloader variant of the board's design instead of its own (a weak one, say). */
    public RejectedImageScenario withBootloader(FirmwareImage boot) {
        this.bootloader = boot;
        return this;
    }

    /** An application built for another chip, the source of {@link RejectKind#OTHER_CHIP}. */
    public RejectedImageScenario withForeignApp(FirmwareImage app) {
        this.foreignApp = Optional.of(app);
        return this;
    }

    /** Provision emulated boards through the STM32 ROM bootloader too, as on hardware. */
    public RejectedImageScenario provisionThroughRom(boolean on) {
        this.throughRom = on;
        return this;
    }

    public RejectedImageResult run(RejectKind kind) {
        FirmwareProfile fw = board.firmware();
        BadImage bad = steps.step("generate the " + kind.key() + " image", () -> generator.make(kind, fw, foreignApp));
        steps.parameter("bad image", bad.how());
        FirmwareImage running = kind == RejectKind.DOWNGRADE ? fw.update() : fw.app();
        BoardStrategy strategy = board.newStrategy();
        BoardSetup.provision(board, bootloader, fw.app(), throughRom, steps);
        steps.step("power on, expect the v" + fw.app().version() + " banner",
                () -> strategy.transition(BoardState.APP_RUNNING));
        if (kind == RejectKind.DOWNGRADE) {
            upgradeFirst(strategy);
        }
        FirmwareImage image = bad.image();
        Optional<String> refusal = steps.step("update with the " + kind.key() + " image over " + fw.protocol()
                + " (" + fw.updateEntry() + ")", () -> send(strategy, image));
        refusal.ifPresent(r -> steps.parameter("refused", r));
        Verdict afterUpdate = BoardSetup.judge(board, steps);
        steps.step("power cycle (" + board.resource().timing().powerOff().toMillis() + " ms off)", () -> {
            board.power().off();
            board.clock().pause(board.resource().timing().powerOff());
            board.console().skipPending();
            board.power().on();
        });
        Verdict verdict = BoardSetup.judge(board, steps);
        Optional<ForensicsResult> forensics = new Forensics(board, steps).ifNeeded(verdict, new RejectedImageResult(
                kind, bad.how(), running.version(), image.version(), refusal, afterUpdate, verdict, "")
                .expectedVersion(bootloader.outcomeAfterReject(kind)), bootloader, "reject-" + kind.key());
        String map = forensics.map(ForensicsResult::flashMap)
                .orElseGet(() -> BoardSetup.flashMap(board, List.of(bootloader, fw.app(), fw.update()), steps));
        RejectedImageResult result = new RejectedImageResult(kind, bad.how(), running.version(), image.version(),
                refusal, afterUpdate, verdict, map, forensics);
        steps.record(new ScenarioRecord("rejected image", board.id(), bootloader.variant(), result));
        return result;
    }

    /** A downgrade starts from a board that really runs v2: upgraded through its own path (metadata and all). */
    private void upgradeFirst(BoardStrategy strategy) {
        FirmwareProfile fw = board.firmware();
        steps.step("upgrade to v" + fw.update().version() + " first (the board must run it before the downgrade)",
                () -> UpdateDrivers.forFirmware(fw).update(board, strategy, fw.update(),
                        UpdateDeadline.of(board, fw.update()), ProgressListener.NONE));
        Verdict atV2 = BoardSetup.judge(board, steps);
        if (atV2.kind() != Verdict.Kind.BOOTED || !fw.update().version().equals(atV2.version())) {
            throw new BoardStateException("the downgrade needs the board at v" + fw.update().version()
                    + ", but the upgrade gave " + atV2 + "; run the upgrade scenario on this board first");
        }
        strategy.force(BoardState.APP_RUNNING);
    }

    private Optional<String> send(BoardStrategy strategy, FirmwareImage image) {
        try {
            UpdateDrivers.forFirmware(board.firmware())
                    .update(board, strategy, image, UpdateDeadline.of(board, image), ProgressListener.NONE);
            return Optional.empty();
        } catch (ProtocolException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (RigTimeoutException e) {
            return Optional.of("the device fell silent: " + e.getMessage());
        }
    }
}
