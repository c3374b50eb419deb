package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.xmodem.XmodemOptions;
import dev.brickproof.rig.protocol.xmodem.XmodemSender;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.time.Deadline;
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
public final class XmodemUpdate extends EnteredUpdate {
    private final int blockSize;
    private final Optional<String> menuKey;
    private final Optional<Pattern> success;
    private final BootloaderSession session;

    XmodemUpdate(ProtocolOptions options) {
        this.blockSize = options.integer("blockSize", 1024);
        if (blockSize != 128 && blockSize != 1024) {
            throw new dev.brickproof.rig.RigConfigurationException(options.source(), "firmware.options.blockSize",
                    blockSize + " is not an XMODEM block size", "write 1024 (XMODEM-1K) or 128");
        }
        this.menuKey = options.text("menuKey");
        this.success = options.pattern("success");
        this.session = new BootloaderSession("XMODEM", options);
    }

    @Override
    public String protocol() {
        return "xmodem";
    }

    @Override
    public void resume(Board board, FirmwareImage image, Deadline deadline, ProgressListener progress) {
        byte[] data = Images.bytes(image);
        session.run(board, image, deadline, success, failures -> {
            menuKey.ifPresent(board.console()::send);
            failures.during(board.console(), () -> new XmodemSender(board.console().link(),
                    XmodemOptions.defaults().withBlockSize(blockSize), progress).send(data, deadline));
        });
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
