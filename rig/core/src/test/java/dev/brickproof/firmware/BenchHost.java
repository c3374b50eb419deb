package dev.brickproof.firmware;

import dev.brickproof.rig.driver.BootModeControl;
import dev.brickproof.rig.driver.ResetControl;
import dev.brickproof.rig.emulated.BoardClock;
import dev.brickproof.rig.emulated.LockstepLink;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.time.Deadline;
import java.time.Duration;

/**
 * The rig's side of a {@link Bench}, for driving the fixtures with the rig's protocol clients: the lockstep
 * wire on USART1 (the board runs in virtual time while a client waits, exactly as under the rig), the update
 * key on PA0 and the NRST line as rig drivers. Bench keeps its own copy of everything the board prints, so its
 * text waits and the clients see the same bytes.
 */
final class BenchHost implements BootModeControl, ResetControl {
    /** NRST low time and settle time of {@link #pulse()}. */
    private static final Duration RESET_PULSE = Duration.ofMillis(2);

    private final Bench bench;
    private final BoardClock clock;
    private final LockstepLink link;

    BenchHost(Bench bench) {
        this.bench = bench;
        this.clock = new BoardClock(bench.board);
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

    /** A deadline of {@code budget} virtual time from now. */
    Deadline deadline(Duration budget, String what) {
        return clock.deadlineAfter(budget, what);
    }

    @Override
    public void selectRomBootloader() {
        bench.board.setBoot0(true);
    }

    @Override
    public void pressUpdateKey() {
        bench.board.setInput('A', 0, true);
    }

    @Override
    public void selectNormalBoot() {
        bench.board.setBoot0(false);
        bench.board.setInput('A', 0, false);
    }

    @Override
    public void hold() {
        bench.board.setResetAsserted(true);
    }

    @Override
    public void release() {
        bench.board.setResetAsserted(false);
    }

    @Override
    public void pulse() {
        hold();
        clock.pause(RESET_PULSE);
        release();
        clock.pause(RESET_PULSE);
    }

    @Override
    public void close() {
        selectNormalBoot();
        release();
        link.close();
    }
}
