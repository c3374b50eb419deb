package dev.brickproof.rig.update;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.protocol.ProgressListener;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.strategy.BoardStrategy;
import dev.brickproof.rig.time.Deadline;

/**
 * An update driver for a bootloader the rig enters itself, the way the rig file's {@code updateEntry} says
 * ({@link EntryMoves}): from a running application the board strategy is only told that the state changes; the
 * entry, transfer and exit are {@link #resume}'s (raw, xmodem, script).
 */
abstract class EnteredUpdate implements UpdateDriver {

    @Override
    public final void update(Board board, BoardStrategy strategy, FirmwareImage image, Deadline deadline,
                             ProgressListener progress) {
        EntryMoves.fromRunningApplication(board, strategy);
        resume(board, image, deadline, progress);
    }
}
