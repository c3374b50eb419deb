package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One transfer to a bootloader the rig enters itself (raw, xmodem): enter ({@link EntryMoves}), wait for the
 * bootloader's prompt if the rig file names one, transfer with the design's failure lines watched, leave; then the
 * bootloader's verdict (its success line, or no failure line having come) and a reset pulse when it does not start
 * the application itself ({@code resetAfter}, default: when entered by key).
 */
final class BootloaderSession {
    /** The transfer itself, with the design's failure lines watched. */
    interface Transfer {
        void run(FailureWatch failures);
    }

    private final String protocol;
    private final Optional<Pattern> prompt;
    private final Optional<Boolean> resetAfter;

    /** Reads {@code prompt} and {@code resetAfter} from {@code firmware.options}. */
    BootloaderSession(String protocol, ProtocolOptions options) {
        this.protocol = protocol;
        this.prompt = options.pattern("prompt");
        this.resetAfter = options.text("resetAfter").map(t -> options.flag("resetAfter", false));
    }

    void run(Board board, FirmwareImage image, Deadline deadline, Optional<Pattern> success, Transfer transfer) {
        boolean byKey = EntryMoves.byKey(board);
        Duration boot = board.resource().timing().bootTimeout();
        FailureWatch failures = FailureWatch.of(board.firmware(), List.of());
        try {
            EntryMoves.enter(board);
            if (prompt.isPresent()) {
                board.console().expect(prompt.get(), deadline.within(boot, "the " + protocol + " bootloader's prompt"));
            }
            transfer.run(failures);
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
}
