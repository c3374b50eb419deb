package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.strategy.BoardStrategy;

/**
 * Drives one design's update path from the host: enter update mode the design's way, transfer the image
 * with its protocol, and leave the board about to start the new application. The verdict is not decided
 * here (see {@link dev.brickproof.rig.verdict.VerdictJudge}).
 */
public interface UpdateDriver {

    /** The protocol name used in rig files. */
    String protocol();

    /**
     * Enters update mode from a running application and transfers {@code image}.
     *
     * @param progress told about transfer progress; may throw {@link TransferStopped} to abandon the transfer
     *                 (a host-side power cut)
     */
    void update(Board board, BoardStrategy strategy, FirmwareImage image, ProgressListener progress);

    /**
     * Transfers {@code image} to a bootloader that is already waiting for it (after a power cut, a design
     * that resumes enters update mode again by itself).
     */
    void resume(Board board, FirmwareImage image, ProgressListener progress);
}
