package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.xmodem.XmodemOptions;
import dev.brickproof.rig.protocol.xmodem.XmodemSender;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * XMODEM (128 or 1K blocks, CRC-16 or checksum as the receiver asks) to a bootloader entered the way the rig
 * file's {@code updateEntry} says: {@code key-at-reset} holds the update key through a reset pulse (and
 * releases it after the transfer), {@code app-command} sends {@code entryCommand} to the running application,
 * anything else goes through the board strategy's IAP state.
 *
 * <p>{@code firmware.options}: {@code blockSize} (1024 or 128, default 1024), {@code prompt} (a regex to wait
 * for before the transfer; default none: the receiver's 'C'/NAK is enough), {@code menuKey} (text sent before
 * the transfer), {@code success} (a regex the bootloader prints after a good transfer; default none),
 * {@code resetAfter} (pulse reset after the transfer; default true for key-at-reset).
 */
public final class XmodemUpdate implements UpdateDriver {
    private final int blockSize;
    private final Optional<Pattern> prompt;
    private final Optional<String> menuKey;
    private final Optional<Pattern> success;
    private final Optional<Boolean> resetAfter;

    XmodemUpdate(ProtocolOptions options) {
        this.blockSize = options.integer("blockSize", 1024);
        if (blockSize != 128 && blockSize != 1024) {
            throw new dev.brickproof.rig.RigConfigurationException(options.source(), "firmware.options.blockSize",
                    blockSize + " is not an XMODEM block size", "write 1024 (XMODEM-1K) or 128");
        }
        this.prompt = options.pattern("prompt");
        this.menuKey = options.text("menuKey");
        this.success = options.pattern("success");
        this.resetAfter = options.text("resetAfter").map(t -> options.flag("resetAfter", false));
    }

    @Override
    public String protocol() {
        return "xmodem";
    }

    @Override
    public void update(Board board, BoardStrategy strategy, FirmwareImage image, Deadline deadline,
                       ProgressListener progress) {
        EntryMoves.fromRunningApplication(board, strategy);
        resume(board, image, deadline, progress);
    }

    @Override
    public void resume(Board board, FirmwareImage image, Deadline deadline, ProgressListener progress) {
        boolean byKey = EntryMoves.byKey(board);
        Duration boot = board.resource().timing().bootTimeout();
        FailureWatch failures = FailureWatch.of(board.firmware(), List.of());
        byte[] data = Images.bytes(image);
        try {
            EntryMoves.enter(board);
            if (prompt.isPresent()) {
                board.console().expect(prompt.get(), deadline.within(boot, "the XMODEM bootloader's prompt"));
            }
            menuKey.ifPresent(board.console()::send);
            failures.during(board.console(), () -> new XmodemSender(board.console().link(),
                    XmodemOptions.defaults().withBlockSize(blockSize), progress).send(data, deadline));
        } finally {
            EntryMoves.leave(board);
        }
        if (success.isPresent()) {
            failures.expectSuccess(board.console(), success.get(), deadline.within(boot, "the bootloader's verdict on "
                    + image.label()));
        } else {
            failures.checkArrived(board.console());
        }
        if (resetAfter.orElse(byKey)) {
            board.reset().pulse();
        }
    }

    /** Registers {@code xmodem} (META-INF/services). */
    public static final class Provider implements UpdateDriverProvider {
        @Override
        public String protocol() {
            return "xmodem";
        }

        @Override
        public UpdateDriver create(ProtocolOptions options) {
            return new XmodemUpdate(options);
        }
    }
}
