package dev.brickproof.suites;

import dev.brickproof.api.FlashOperation;
import dev.brickproof.rig.Board;
import dev.brickproof.rig.driver.SimulatedBoard;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Opens the power relay as soon as the board reports flash operation number {@code index} (counted from now):
 * a relay cut timed by the emulator's flash log, landing within one runner slice of that operation's start
 * (inside a 20-40 ms page erase; around a 50 us half-word program).
 */
final class FlashOpRelayCut implements AutoCloseable {
    private final SimulatedBoard sim;
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();
    private final CountDownLatch reached = new CountDownLatch(1);
    private final Thread cutter;
    private volatile FlashOperation at;
    private volatile boolean fired;
    private volatile RuntimeException failure;

    FlashOpRelayCut(Board board, SimulatedBoard sim, int index) {
        this.sim = sim;
        sim.onFlashOperation(op -> {
            if (seen.add(op.index()) && seen.size() > index && at == null) {
                at = op;
                reached.countDown();
            }
        });
        cutter = new Thread(() -> {
            try {
                reached.await();
                board.power().off();
                fired = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
            }
        }, "relay-cut-" + board.id());
        cutter.setDaemon(true);
        cutter.start();
    }

    boolean fired() {
        if (failure != null) {
            throw failure;
        }
        return fired;
    }

    FlashOperation operation() {
        return at;
    }

    @Override
    public void close() {
        sim.onFlashOperation(null);
        cutter.interrupt();
        try {
            cutter.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
