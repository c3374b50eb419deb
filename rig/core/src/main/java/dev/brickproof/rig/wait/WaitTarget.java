package dev.brickproof.rig.wait;

import dev.brickproof.rig.driver.Console;

/** What a {@link WaitStrategy} waits on: a board's console and its waiter. */
public interface WaitTarget {
    String name();

    Console console();

    Waiter waiter();
}
