package dev.brickproof.rig.lease;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One lease file as {@code brickproof lease list} shows it.
 *
 * @param file   the lease file
 * @param state  held by a live process, stale (its holder died without releasing), or free
 * @param holder the holder, or the last holder of a stale lease
 */
public record LeaseStatus(Path file, State state, Optional<LeaseHolder> holder) {

    public enum State { HELD, STALE, FREE }
}
