package dev.brickproof.rig.protocol.bench;

import dev.brickproof.api.Chip;
import dev.brickproof.api.FlashOperation;
import dev.brickproof.rig.testing.LockstepFixtureBoard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An emulated board in lockstep virtual time (as in FirmwarePeerTest), whose wire counts the bytes each way and
 * whose flash controller's operations are logged, so an upgrade can be compared with its physical floor.
 */
final class BenchBoard extends LockstepFixtureBoard {
    private final CountingLink counting;
    private final List<FlashOperation> flashOps = new ArrayList<>();

    BenchBoard(Chip chip) {
        super(chip, CountingLink::new);
        counting = (CountingLink) link;
        board.onFlashOperation(flashOps::add);
    }

    @Override
    public BenchBoard boot(String... imagesAt) {
        super.boot(imagesAt);
        return this;
    }

    /** Starts measuring: time, bytes each way and flash operations from now on. */
    Window window() {
        return new Window(clock.now(), counting.written(), counting.read(), flashOps.size());
    }

    /** What happened on the board since {@link #window()}. */
    final class Window {
        private final Duration start;
        private final long written;
        private final long read;
        private final int firstOp;

        private Window(Duration start, long written, long read, int firstOp) {
            this.start = start;
            this.written = written;
            this.read = read;
            this.firstOp = firstOp;
        }

        Duration elapsed() {
            return clock.now().minus(start);
        }

        long hostBytes() {
            return counting.written() - written;
        }

        long deviceBytes() {
            return counting.read() - read;
        }

        List<FlashOperation> flashOps() {
            return List.copyOf(flashOps.subList(firstOp, flashOps.size()));
        }
    }

}
