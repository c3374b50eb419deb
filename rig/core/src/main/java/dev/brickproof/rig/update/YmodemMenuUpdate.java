package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.ymodem.YmodemSender;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * ST-style YMODEM IAP (AN2557/AN4657 menu): the application's update command resets into the bootloader's
 * menu; "1" starts a YMODEM download, the {@link YmodemSender} sends the image, and "3" starts the new
 * application.
 */
public final class YmodemMenuUpdate implements UpdateDriver {
    private static final Pattern MENU = Pattern.compile("Execute the loaded application");
    private static final Pattern WAITING = Pattern.compile("IAP: waiting for the file");
    private static final Pattern SUCCESS = Pattern.compile("IAP: programming completed successfully");
    /** What the reference ST-style IAP prints when a download fails (fixtures/firmware/boot/ymodem.c). */
    static final List<Pattern> FAILURES = List.of(Pattern.compile(
            "IAP: (verification failed|aborted by user|failed to receive the file|the image size is higher)"));

    @Override
    public String protocol() {
        return "ymodem";
    }

    @Override
    public void update(Board board, BoardStrategy strategy, FirmwareImage image, Deadline deadline,
                       ProgressListener progress) {
        strategy.transition(BoardState.IAP_BOOTLOADER);
        resume(board, image, deadline, progress);
    }

    @Override
    public void resume(Board board, FirmwareImage image, Deadline deadline,
                       ProgressListener progress) {
        Duration boot = board.resource().timing().bootTimeout();
        byte[] data = Images.bytes(image);
        board.console().expect(MENU, deadline.within(boot, "the YMODEM IAP menu"));
        board.console().send("1");
        board.console().expect(WAITING, deadline.within(boot, "the IAP to wait for a file"));
        FailureWatch failures = FailureWatch.of(board.firmware(), FAILURES);
        failures.during(board.console(), () -> new YmodemSender(board.console().link(), progress)
                .send(image.file().getFileName().toString(), data, deadline));
        failures.expectSuccess(board.console(), SUCCESS, deadline.within(boot, "the IAP's verdict on " + image.label()));
        board.console().expect(MENU, deadline.within(boot, "the YMODEM IAP menu after the download"));
        board.console().send("3");
    }

    /** Registers {@code ymodem} (META-INF/services). */
    public static final class Provider implements UpdateDriverProvider {
        @Override
        public String protocol() {
            return "ymodem";
        }

        @Override
        public UpdateDriver create(ProtocolOptions options) {
            return new YmodemMenuUpdate();
        }
    }
}
