package dev.brickproof.rig.lease;

import dev.brickproof.rig.RigException;
import java.util.Optional;

/** A board is leased by another run (a rig fault for this run, exit 2); names the holder and the way out. */
public final class LeaseHeldException extends RigException {
    private static final long serialVersionUID = 1L;
    private final transient LeaseHolder holder;

    public LeaseHeldException(String board, Optional<LeaseHolder> holder, String waited) {
        super("board " + board + " is leased by " + holder.map(LeaseHolder::describe).orElse("another process"
                + " (its lease file is not written yet)") + waited + "; wait for it to finish, queue with --wait"
                + " <duration>, or see 'brickproof lease list'");
        this.holder = holder.orElse(null);
    }

    public Optional<LeaseHolder> holder() {
        return Optional.ofNullable(holder);
    }
}
