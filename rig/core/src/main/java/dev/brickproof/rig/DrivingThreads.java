package dev.brickproof.rig;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The threads currently driving a rig's boards (a CLI command, a scenario), so that Ctrl-C can stop them
 * before the safe state is driven: they are interrupted and given a bounded time to stop.
 */
final class DrivingThreads {
    private final Set<Thread> driving = new HashSet<>();

    <T> T run(Supplier<T> body) {
        Thread self = Thread.currentThread();
        synchronized (this) {
            driving.add(self);
        }
        try {
            return body.get();
        } finally {
            synchronized (this) {
                driving.remove(self);
                notifyAll();
            }
        }
    }

    /** Interrupts every driving thread and waits up to {@code bound} until none drives; true when all stopped. */
    synchronized boolean stop(Duration bound) {
        driving.forEach(Thread::interrupt);
        long end = System.nanoTime() + bound.toNanos();
        long left;
        while (!driving.isEmpty() && (left = end - System.nanoTime()) > 0) {
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return driving.isEmpty();
            }
        }
        return driving.isEmpty();
    }
}
