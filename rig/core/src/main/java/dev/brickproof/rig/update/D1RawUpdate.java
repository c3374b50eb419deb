package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * D1 (flag word, page-count erase): the application erases the flag page on "update" and resets; the
 * bootloader asks for {@code FF <pages> AA}, erases that many pages, then takes the raw .bin and ends the
 * image on a second of silence.
 */
public final class D1RawUpdate implements UpdateDriver {
    private static final Pattern UPDATE_MODE = Pattern.compile("D1: update mode");
    private static final Pattern ERASED = Pattern.compile("D1: erased (\\d+) pages");

    @Override
    public String protocol() {
        return "d1-raw";
    }

    @Override
    public void update(Board board, BoardStrategy strategy, FirmwareImage image, ProgressListener progress) {
        strategy.transition(BoardState.IAP_BOOTLOADER);
        resume(board, image, progress);
    }

    @Override
    public void resume(Board board, FirmwareImage image, ProgressListener progress) {
        Duration timeout = board.resource().timing().bootTimeout();
        board.console().expect(UPDATE_MODE, board.clock().deadlineAfter(timeout, "D1 update mode"));
        byte[] data = read(image);
        int page = board.resource().chip().pageSize();
        int pages = (data.length + page - 1) / page;
        board.console().link().write(new byte[] {(byte) 0xFF, (byte) pages, (byte) 0xAA});
        // 20..40 ms per page erase on an F103
        board.console().expect(ERASED, board.clock().deadlineAfter(timeout.plus(Duration.ofMillis(45L * pages)),
                "D1 erase of " + pages + " pages"));
        RawStream.send(board.console().link(), data, 64, board.firmware().pacing(), progress);
    }

    static byte[] read(FirmwareImage image) {
        try {
            return Files.readAllBytes(image.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
