package dev.brickproof.firmware;

import dev.brickproof.rig.emulated.BoardClock;
import dev.brickproof.rig.emulated.LockstepLink;
import dev.brickproof.rig.testing.EmulatedBoardPins;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.time.Deadline;
import dev.brickproof.rig.protocol.ymodem.YmodemOptions;
import dev.brickproof.rig.protocol.ymodem.YmodemSender;
import java.time.Duration;

/**
 * The rig's side of a {@link Bench}, for driving the fixtures with the rig's protocol clients: the lockstep
 * wire on USART1 (the board runs in virtual time while a client waits, exactly as under the rig), the update
 * key on PA0 and the NRST line as rig drivers. Bench keeps its own copy of everything the board prints, so its
 * text waits and the clients see the same bytes.
 */
final class BenchHost extends EmulatedBoardPins {
    private final Bench bench;
    private final BoardClock clock;
    private final LockstepLink link;

    BenchHost(Bench bench) {
        this(bench, new BoardClock(bench.board));
    }

    private BenchHost(Bench bench, BoardClock clock) {
        super(bench.board, clock);
        this.bench = bench;
        this.clock = clock;
        this.link = new LockstepLink(bench.board, clock, "lockstep:" + bench.chip);
    }

    /**
     * The wire, emptied of what the board printed so far: call it once the prompt a client starts from has
     * been seen, so the client reads only what the board says from then on.
     */
    ByteLink freshLink() {
        link.discardInput();
        return link;
    }

    /**
     * Virtual-time budget of one client run: a clean update of a fixture image takes under 6 s; after a power
     * cut the client waits this long at most for a board that is gone.
     */
    static final Duration CLIENT_BUDGET = Duration.ofSeconds(20);

    /** The YMODEM sender as the fixtures need it: no turnaround pause (the lockstep wire loses nothing). */
    YmodemSender ymodemSender() {
        return new YmodemSender(freshLink(), YmodemOptions.defaults().withTurnaround(Duration.ZERO), null);
    }

    /** A deadline of {@code budget} virtual time from now. */
    Deadline deadline(Duration budget, String what) {
        return clock.deadlineAfter(budget, what);
    }

    @Override
    public void close() {
        super.close();
        link.close();
    }
}
