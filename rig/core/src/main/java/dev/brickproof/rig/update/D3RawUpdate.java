package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.iap.KeyAtResetIapClient;
import dev.brickproof.rig.protocol.iap.KeyAtResetIapOptions;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;
import java.util.List;

/**
 * D3 (key at reset, idle-timeout end): the {@link KeyAtResetIapClient} holds the update key through a reset
 * pulse, streams the raw .bin paced as the rig file says, checks the byte count and resets into the new
 * application. The key is released before returning or throwing.
 */
public final class D3RawUpdate implements UpdateDriver {

    @Override
    public String protocol() {
        return "d3-raw";
    }

    @Override
    public void update(Board board, BoardStrategy strategy, FirmwareImage image, Deadline deadline,
                       ProgressListener progress) {
        strategy.invalidate();
        resume(board, image, deadline, progress);
    }

    @Override
    public void resume(Board board, FirmwareImage image, Deadline deadline,
                       ProgressListener progress) {
        byte[] data = Images.bytes(image);
        Duration boot = board.resource().timing().bootTimeout();
        KeyAtResetIapOptions options = KeyAtResetIapOptions.defaults()
                // the whole prompt, line end included: the bootloader cannot receive while it prints
                .withReady(java.util.regex.Pattern.compile("D3: IAP mode[^\n]*\n"), boot)
                .withPacing(Images.pacing(board, board.resource().chip().pageSize()))
                .withResetAfter(null, boot);
        board.console().skipPending();
        FailureWatch failures = FailureWatch.of(board.firmware(), List.of());
        failures.during(board.console(), () ->
                new KeyAtResetIapClient(board.console().link(), board.bootMode(), board.reset(), options, progress)
                        .upload(data, deadline));
        failures.checkArrived(board.console());
    }

    /** Registers {@code d3-raw} (META-INF/services). */
    public static final class Provider implements UpdateDriverProvider {
        @Override
        public String protocol() {
            return "d3-raw";
        }

        @Override
        public UpdateDriver create(ProtocolOptions options) {
            return new D3RawUpdate();
        }
    }
}
