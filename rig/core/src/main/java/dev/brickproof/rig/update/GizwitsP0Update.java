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
import java.util.regex.Pattern;

/**
 * D5 (Gizwits FLAG / APP / APPBAK): the running application receives the image over the P0 serial protocol
 * into APPBAK ({@link GizwitsOtaClient}), writes FLAG and resets; the bootloader then checks and copies.
 */
public final class GizwitsP0Update implements UpdateDriver {
    private static final Pattern RECEIVER = Pattern.compile("waiting for the P0");

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
        new GizwitsOtaClient(board.console().link(), GizwitsOtaOptions.defaults(), progress)
                .upload(data, deadline);
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
