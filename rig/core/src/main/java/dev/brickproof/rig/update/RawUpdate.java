package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.DeviceChannel;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.protocol.iap.Pacing;
import dev.brickproof.rig.protocol.iap.RawImageStreamer;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;
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
public final class RawUpdate extends EnteredUpdate {
    private final Optional<Integer> chunk;
    private final Duration idleEnd;
    private final Optional<String> success;
    private final BootloaderSession session;

    RawUpdate(ProtocolOptions options) {
        this.chunk = options.text("chunk").map(t -> options.integer("chunk", 1));
        this.idleEnd = options.duration("idleEnd", Duration.ZERO);
        this.success = options.raw("success");
        this.success.ifPresent(s -> ImageFacts.check(s, options.source(), "firmware.options.success"));
        this.session = new BootloaderSession("raw", options);
    }

    @Override
    public String protocol() {
        return "raw";
    }

    @Override
    public void resume(Board board, FirmwareImage image, Deadline deadline, ProgressListener progress) {
        byte[] data = Images.bytes(image);
        Pacing pacing = Pacing.of(chunk.orElse(board.resource().chip().pageSize()), board.firmware().pacing())
                .atBaud(board.resource().serial().baud(), 10);
        Optional<Pattern> verdict = success.map(s -> Pattern.compile(ImageFacts.of(image, data).fill(s)));
        session.run(board, image, deadline, verdict, failures -> {
            DeviceChannel channel = new DeviceChannel(board.console().link());
            failures.during(board.console(), () -> RawImageStreamer.stream(channel, data, pacing, deadline, progress,
                    "raw", board.clock().now()));
            board.clock().pause(idleEnd);
        });
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
