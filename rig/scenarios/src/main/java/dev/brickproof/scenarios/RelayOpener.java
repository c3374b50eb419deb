package dev.brickproof.scenarios;

import dev.brickproof.rig.Board;
import java.time.Duration;

/**
 * A thread that opens the board's power relay once its trigger returns (a flash operation seen, a moment on the
 * rig clock), while the test thread drives the update: how a relay cut is timed on hardware.
 */
final class RelayOpener {
    /** Blocks until the relay should open; interrupted when the cut is called off. */
    @FunctionalInterface
    interface Trigger {
        void await() throws InterruptedException;
    }

    private final Thread thread;
    private volatile boolean fired;
    private volatile RuntimeException failure;

    RelayOpener(Board board, String name, Trigger trigger) {
        thread = new Thread(() -> {
            try {
                trigger.await();
                board.power().off();
                fired = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
            }
        }, name + "-" + board.id());
        thread.setDaemon(true);
        thread.start();
    }

    /** True once the relay is open; rethrows what went wrong opening it. */
    boolean fired() {
        if (failure != null) {
            throw failure;
        }
        return fired;
    }

    /** Waits up to {@code budget} for the thread to be done, then says whether the relay opened. */
    boolean awaitFired(Duration budget) {
        try {
            thread.join(budget.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fired();
    }

    /** Calls the cut off if it has not happened (the thread is interrupted and given a second to end). */
    void cancel() {
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
