package dev.brickproof.scenarios;

import dev.brickproof.api.FlashOperation;
import dev.brickproof.rig.Board;
import dev.brickproof.rig.driver.SimulatedBoard;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * Opens the power relay as soon as the board reports flash operation number {@code index} (counted from now):
 * a relay cut timed by the emulator's flash log, landing within one runner slice of that operation's start
 * (inside a 20-40 ms page erase; around a 50 us half-word program). Used by {@link PowerCutScenario}.
 */
final class FlashOpRelayCut implements AutoCloseable {
    private final SimulatedBoard sim;
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();
    private final CountDownLatch reached = new CountDownLatch(1);
    private final RelayOpener opener;
    private volatile FlashOperation at;

    FlashOpRelayCut(Board board, SimulatedBoard sim, int index) {
        this.sim = sim;
        sim.onFlashOperation(op -> {
            if (seen.add(op.index()) && seen.size() > index && at == null) {
                at = op;
                reached.countDown();
            }
        });
        opener = new RelayOpener(board, "relay-cut", reached::await);
    }

    boolean fired() {
        return opener.fired();
    }

    FlashOperation operation() {
        return at;
    }

    @Override
    public void close() {
        sim.onFlashOperation(null);
        opener.cancel();
    }
}
