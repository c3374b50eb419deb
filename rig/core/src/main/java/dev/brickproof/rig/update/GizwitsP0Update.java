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
import java.util.regex.Pattern;

/**
 * D5 (Gizwits FLAG / APP / APPBAK): the running application receives the image over the P0 serial protocol
 * into APPBAK ({@link GizwitsOtaClient}), writes FLAG and resets; the bootloader then checks and copies.
 */
public final class GizwitsP0Update implements UpdateDriver {
    private static final Pattern RECEIVER = Pattern.compile("waiting for the P0");
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
        board.console().send("\r" + board.firmware().entryCommand());
        board.console().expect(RECEIVER, deadline.within(boot, "the application's P0 receiver"));
        FailureWatch failures = FailureWatch.of(board.firmware(), FAILURES);
        failures.during(board.console(), () ->
                new GizwitsOtaClient(board.console().link(), GizwitsOtaOptions.defaults(), progress)
                        .upload(data, deadline));
        failures.checkArrived(board.console());
    }

    /** Registers {@code gizwits-p0} (META-INF/services). */
    public static final class Provider implements UpdateDriverProvider {
        @Override
        public String protocol() {
            return "gizwits-p0";
        }

        @Override
        public UpdateDriver create(ProtocolOptions options) {
            return new GizwitsP0Update();
        }
    }
}
