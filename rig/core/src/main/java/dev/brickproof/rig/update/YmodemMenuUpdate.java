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
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * YMODEM to a bootloader, by default the ST-style IAP (AN2557/AN4657 menu): the application's update command
 * resets into the bootloader's menu; "1" starts a YMODEM download, the {@link YmodemSender} sends the image, and
 * "3" starts the new application.
 *
 * <p>Other YMODEM loaders are described with {@code firmware.options} ("none" switches a step off):
 * {@code menu} (regex of the menu's last line, default the ST menu), {@code downloadKey} (default "1"),
 * {@code waiting} (regex printed before the transfer, default ST's), {@code success} (regex printed after a good
 * transfer, default ST's), {@code runKey} (sent at the menu after the download, default "3"). With
 * {@code updateEntry: key-at-reset} the update key is held through a reset pulse and kept until the transfer
 * has ended (a loader that samples its key after printing its banner still sees it).
 */
public final class YmodemMenuUpdate implements UpdateDriver {
    private static final Pattern MENU = Pattern.compile("Execute the loaded application");
    private static final Pattern WAITING = Pattern.compile("IAP: waiting for the file");
    private static final Pattern SUCCESS = Pattern.compile("IAP: programming completed successfully");
    /** What the reference ST-style IAP prints when a download fails (fixtures/firmware/boot/ymodem.c). */
    static final List<Pattern> FAILURES = List.of(Pattern.compile(
            "IAP: (verification failed|aborted by user|failed to receive the file|the image size is higher)"));

    private final Optional<Pattern> menu;
    private final Optional<String> downloadKey;
    private final Optional<Pattern> waiting;
    private final Optional<Pattern> success;
    private final Optional<String> runKey;

    YmodemMenuUpdate() {
        this(ProtocolOptions.none());
    }

    YmodemMenuUpdate(ProtocolOptions options) {
        this.menu = patternOrNone(options, "menu", MENU);
        this.downloadKey = textOrNone(options, "downloadKey", "1");
        this.waiting = patternOrNone(options, "waiting", WAITING);
        this.success = patternOrNone(options, "success", SUCCESS);
        this.runKey = textOrNone(options, "runKey", "3");
    }

    private static Optional<Pattern> patternOrNone(ProtocolOptions options, String name, Pattern fallback) {
        if (options.text(name).map(t -> t.trim().equals("none")).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(options.pattern(name).orElse(fallback));
    }

    private static Optional<String> textOrNone(ProtocolOptions options, String name, String fallback) {
        String value = options.text(name).orElse(fallback);
        return value.trim().equals("none") ? Optional.empty() : Optional.of(value);
    }

    @Override
    public String protocol() {
        return "ymodem";
    }

    @Override
    public void update(Board board, BoardStrategy strategy, FirmwareImage image, Deadline deadline,
                       ProgressListener progress) {
        if (EntryMoves.byKey(board)) {
            strategy.invalidate();
        } else {
            strategy.transition(BoardState.IAP_BOOTLOADER);
        }
        resume(board, image, deadline, progress);
    }

    @Override
    public void resume(Board board, FirmwareImage image, Deadline deadline,
                       ProgressListener progress) {
        Duration boot = board.resource().timing().bootTimeout();
        byte[] data = Images.bytes(image);
        FailureWatch failures = FailureWatch.of(board.firmware(), FAILURES);
        try {
            EntryMoves.enter(board);
            if (menu.isPresent()) {
                board.console().expect(menu.get(), deadline.within(boot, "the YMODEM IAP menu"));
            }
            downloadKey.filter(k -> menu.isPresent()).ifPresent(board.console()::send);
            if (waiting.isPresent()) {
                board.console().expect(waiting.get(), deadline.within(boot, "the IAP to wait for a file"));
            }
            failures.during(board.console(), () -> new YmodemSender(board.console().link(), progress)
                    .send(image.file().getFileName().toString(), data, deadline));
        } finally {
            EntryMoves.leave(board);
        }
        if (success.isPresent()) {
            failures.expectSuccess(board.console(), success.get(), deadline.within(boot, "the IAP's verdict on "
                    + image.label()));
        } else {
            failures.checkArrived(board.console());
        }
        if (menu.isPresent() && runKey.isPresent()) {
            board.console().expect(menu.get(), deadline.within(boot, "the YMODEM IAP menu after the download"));
            board.console().send(runKey.get());
        }
    }

    /** Registers {@code ymodem} (META-INF/services). */
    public static final class Provider implements UpdateDriverProvider {
        @Override
        public String protocol() {
            return "ymodem";
        }

        @Override
        public UpdateDriver create(ProtocolOptions options) {
            return new YmodemMenuUpdate(options);
        }
    }
}
