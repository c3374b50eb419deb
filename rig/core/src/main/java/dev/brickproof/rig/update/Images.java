package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.iap.Pacing;
import dev.brickproof.rig.resource.FirmwareImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Small helpers shared by the update drivers. */
final class Images {
    private Images() { }

    static byte[] bytes(FirmwareImage image) {
        try {
            return Files.readAllBytes(image.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + image.file() + ": " + e.getMessage(), e);
        }
    }

    /** The rig file's pacing gap after every {@code chunk} bytes, at the board's line rate. */
    static Pacing pacing(Board board, int chunk) {
        return Pacing.of(chunk, board.firmware().pacing()).atBaud(board.resource().serial().baud(), 10);
    }
}
