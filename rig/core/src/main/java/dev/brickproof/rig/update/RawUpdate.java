package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.DeviceChannel;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.iap.Pacing;
import dev.brickproof.rig.protocol.iap.RawImageStreamer;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A raw image stream to a bootloader without a protocol: entered as {@code updateEntry} says
 * ({@link EntryMoves}), the image in {@code chunk}-byte pieces with the rig file's {@code pacing} gap after
 * each, then {@code idleEnd} of silence, by which such a bootloader knows the image has ended.
 *
 * <p>{@code firmware.options}: {@code chunk} (bytes, default the chip's page size), {@code idleEnd} (default
 * 0ms), {@code prompt} (a regex awaited before streaming), {@code success} (a regex of the bootloader's good
 * verdict; may use the placeholders of {@link ImageFacts}, e.g. {@code received ${size}}), {@code resetAfter}
 * (default true for key-at-reset).
 */
public final class RawUpdate implements UpdateDriver {
    private final Optional<Integer> chunk;
    private final Duration idleEnd;
    private final Optional<Pattern> prompt;
    private final Optional<String> success;
    private final Optional<Boolean> resetAfter;

    RawUpdate(ProtocolOptions options) {
        this.chunk = options.text("chunk").map(t -> options.integer("chunk", 1));
        this.idleEnd = options.duration("idleEnd", Duration.ZERO);
        this.prompt = options.pattern("prompt");
        this.success = options.raw("success");
        this.success.ifPresent(s -> ImageFacts.check(s, options.source(), "firmware.options.success"));
        this.resetAfter = options.text("resetAfter").map(t -> options.flag("resetAfter", false));
    }

    @Override
    public String protocol() {
        return "raw";
    }

    @Override
    public void update(Board board, BoardStrategy strategy, FirmwareImage image, Deadline deadline,
                       ProgressListener progress) {
        EntryMoves.fromRunningApplication(board, strategy);
        resume(board, image, deadline, progress);
    }

    @Override
    public void resume(Board board, FirmwareImage image, Deadline deadline, ProgressListener progress) {
        byte[] data = Images.bytes(image);
        Duration boot = board.resource().timing().bootTimeout();
        FailureWatch failures = FailureWatch.of(board.firmware(), List.of());
        Pacing pacing = Pacing.of(chunk.orElse(board.resource().chip().pageSize()), board.firmware().pacing())
                .atBaud(board.resource().serial().baud(), 10);
        try {
            EntryMoves.enter(board);
            if (prompt.isPresent()) {
                board.console().expect(prompt.get(), deadline.within(boot, "the raw bootloader's prompt"));
            }
            DeviceChannel channel = new DeviceChannel(board.console().link());
            failures.during(board.console(), () -> RawImageStreamer.stream(channel, data, pacing, deadline, progress,
                    "raw", board.clock().now()));
            board.clock().pause(idleEnd);
        } finally {
            EntryMoves.leave(board);
        }
        if (success.isPresent()) {
            failures.expectSuccess(board.console(), Pattern.compile(ImageFacts.of(image, data).fill(success.get())),
                    deadline.within(boot, "the bootloader's verdict on " + image.label()));
        } else {
            failures.checkArrived(board.console());
        }
        if (resetAfter.orElse(EntryMoves.byKey(board))) {
            board.reset().pulse();
        }
    }

    /** Registers {@code raw} (META-INF/services). */
    public static final class Provider implements UpdateDriverProvider {
        @Override
        public String protocol() {
            return "raw";
        }

        @Override
        public UpdateDriver create(ProtocolOptions options) {
            return new RawUpdate(options);
        }
    }
}
