package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.time.Deadline;

/**
 * Drives one design's update path from the host: enter update mode the design's way, transfer the image
 * with its protocol, and leave the board about to start the new application. The verdict is not decided
 * here (see {@link dev.brickproof.rig.verdict.VerdictJudge}).
 *
 * <p>Time: the caller passes one {@link Deadline} for the whole update (see {@link UpdateDeadline}); a driver
 * waits for nothing past it and cuts every step's wait out of it with {@link Deadline#within}.
 *
 * <p>New protocols are added with an {@link UpdateDriverProvider} (see {@link UpdateDrivers}).
 */
public interface UpdateDriver {

    /** The protocol name used in rig files. */
    String protocol();

    /**
     * Enters update mode from a running application and transfers {@code image}.
     *
     * @param progress told about transfer progress; may throw {@link TransferStopped} to abandon the transfer
     *                 (a host-side power cut)
     * @param deadline the whole update's deadline
     */
    void update(Board board, BoardStrategy strategy, FirmwareImage image, Deadline deadline,
                       ProgressListener progress);

    /**
     * Transfers {@code image} to a bootloader that is already waiting for it (after a power cut, a design
     * that resumes enters update mode again by itself).
     */
    void resume(Board board, FirmwareImage image, Deadline deadline,
                       ProgressListener progress);
}
