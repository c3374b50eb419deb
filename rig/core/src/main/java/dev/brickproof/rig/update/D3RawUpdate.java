package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.strategy.BoardState;
import dev.brickproof.rig.strategy.BoardStrategy;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * D3 (key at reset, idle-timeout end): hold the update key through a reset, stream the raw .bin (paced as
 * the rig file says), wait for the bootloader to report the byte count, then reset into the application.
 */
public final class D3RawUpdate implements UpdateDriver {
    private static final Pattern READY = Pattern.compile("D3: IAP mode, send the image");
    private static final Pattern DONE = Pattern.compile("D3: received (\\d+) bytes");

    @Override
    public String protocol() {
        return "d3-raw";
    }

    @Override
    public void update(Board board, BoardStrategy strategy, FirmwareImage image, ProgressListener progress) {
        strategy.transition(BoardState.IAP_BOOTLOADER);
        transfer(board, image, progress);
        strategy.invalidate();
        board.reset().pulse();
    }

    @Override
    public void resume(Board board, FirmwareImage image, ProgressListener progress) {
        BoardStrategy strategy = board.newStrategy();
        update(board, strategy, image, progress);
    }

    private void transfer(Board board, FirmwareImage image, ProgressListener progress) {
        Duration timeout = board.resource().timing().bootTimeout();
        board.console().expect(READY, board.clock().deadlineAfter(timeout, "D3 IAP mode"));
        byte[] data = D1RawUpdate.read(image);
        RawStream.send(board.console().link(), data, 64, board.firmware().pacing(), progress);
        board.console().expect(DONE, board.clock().deadlineAfter(timeout.plus(Duration.ofSeconds(2)),
                "D3 end of image"));
    }
}
