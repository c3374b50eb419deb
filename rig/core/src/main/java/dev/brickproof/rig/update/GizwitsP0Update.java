package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.gizwits.GizwitsOtaClient;
import dev.brickproof.rig.protocol.gizwits.GizwitsOtaOptions;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * D5 (Gizwits FLAG / APP / APPBAK): the running application receives the image over the P0 serial protocol
 * into APPBAK ({@link GizwitsOtaClient}), writes FLAG and resets; the bootloader then checks and copies.
 *
 * <p>Seed 004 is followed: the MCU takes {@code CMD_ASK_BIGDATA} (0x19) at any time, so {@code entryCommand}
 * is optional and so is the console prompt to wait for ({@code firmware.options.prompt}); with
 * {@code firmware.options.lastPieceAck: none} the last piece is not expected to be ACKed (the MCU restarts
 * first) and the bootloader's banner is the success signal. The reference D5 app prints a prompt after
 * {@code update} and ACKs the last piece ({@code lastPieceAck: required}, the default).
 */
public final class GizwitsP0Update implements UpdateDriver {
    private final Optional<Pattern> prompt;
    private final boolean lastPieceAcked;

    GizwitsP0Update(ProtocolOptions options) {
        this.prompt = options.pattern("prompt");
        this.lastPieceAcked = options.text("lastPieceAck").map(t -> switch (t.trim()) {
            case "required" -> true;
            case "none" -> false;
            default -> throw new dev.brickproof.rig.RigConfigurationException(options.source(),
                    "firmware.options.lastPieceAck", "'" + t + "' is not a choice",
                    "write 'required' (the MCU ACKs the last piece) or 'none' (seed 004: it restarts first)");
        }).orElse(true);
    }

    /** What the reference D5 application prints when a P0 OTA fails (fixtures/firmware/app). */
    static final List<Pattern> FAILURES = List.of(Pattern.compile(
            "D5: (OTA start rejected|OTA aborted|MD5 mismatch|FLAG write failed)"));

    @Override
    public String protocol() {
        return "gizwits-p0";
    }

    @Override
    public void update(Board board, BoardStrategy strategy, FirmwareImage image, Deadline deadline,
                       ProgressListener progress) {
        strategy.transition(BoardState.APP_RUNNING);
        strategy.invalidate();
        resume(board, image, deadline, progress);
    }

    @Override
    public void resume(Board board, FirmwareImage image, Deadline deadline,
                       ProgressListener progress) {
        Duration boot = board.resource().timing().bootTimeout();
        byte[] data = Images.bytes(image);
        board.console().skipPending();
        if (board.firmware().entryCommand() != null) {
            board.console().send("\r" + board.firmware().entryCommand());
        }
        if (prompt.isPresent()) {
            board.console().expect(prompt.get(), deadline.within(boot, "the application's P0 receiver"));
        }
        FailureWatch failures = FailureWatch.of(board.firmware(), FAILURES);
        failures.during(board.console(), () ->
                new GizwitsOtaClient(board.console().link(),
                        GizwitsOtaOptions.defaults().withLastPieceAcked(lastPieceAcked), progress).upload(data, deadline));
        if (lastPieceAcked) {
            failures.checkArrived(board.console());
        } else {
            // seed 004: the MCU checks the MD5, writes its flag and restarts: the bootloader's banner is the success
            failures.expectSuccess(board.console(), board.firmware().bootBanner(),
                    deadline.within(boot, "the bootloader's banner after the last piece"));
        }
    }

    /** Registers {@code gizwits-p0} (META-INF/services). */
    public static final class Provider implements UpdateDriverProvider {
        @Override
        public String protocol() {
            return "gizwits-p0";
        }

        @Override
        public UpdateDriver create(ProtocolOptions options) {
            return new GizwitsP0Update(options);
        }
    }
}
