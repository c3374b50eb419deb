package dev.brickproof.emulator.soc;

import dev.brickproof.api.BoardStatus;
import dev.brickproof.emulator.EmulatedBoard;
import dev.brickproof.emulator.RealTimeRunner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Runs an {@link Stm32Board} on its own thread with virtual time following the wall clock.
 *
 * <p>Loop: serve pending {@link #call}s; if the board is behind the wall clock, run it (in slices of at most
 * {@value #SLICE_NANOS} ns of virtual time, so calls are served promptly); if it is level with the wall
 * clock, park until the wall clock catches up. An idle board (WFI, polling loop, ROM loader waiting, flash
 * busy, off) is not advanced step by step: the thread parks until its next event (at most
 * {@value #MAX_PARK_NANOS} ns, after which virtual time catches up in one jump) and is unparked at once by
 * {@code Uart.send} or {@link #call}; it then catches up to the wall clock before it takes the bytes sent, so they
 * arrive at the virtual time matching the wall-clock moment they were sent. A board too slow for real time simply runs
 * continuously and falls behind; time never jumps to catch up.
 */
public final class SocRealTimeRunner implements RealTimeRunner {
    static final long SLICE_NANOS = 1_000_000L;
    static final long MAX_PARK_NANOS = 50_000_000L;

    private final Stm32Board board;
    private final Thread thread;
    private final ConcurrentLinkedQueue<FutureTask<?>> calls = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private volatile Throwable died;
    private final long startWallNanos;
    private final long startVirtualPs;

    private SocRealTimeRunner(Stm32Board board, String threadName) {
        this.board = board;
        this.startVirtualPs = board.nowPicos();
        this.startWallNanos = System.nanoTime();
        this.thread = new Thread(this::loop, threadName);
        this.thread.setDaemon(true);
    }

    public static SocRealTimeRunner start(Stm32Board board, String threadName) {
        SocRealTimeRunner r = new SocRealTimeRunner(board, threadName);
        board.usart1Wire().setWakeUp(() -> LockSupport.unpark(r.thread));
        r.thread.start();
        return r;
    }

    @Override
    public EmulatedBoard board() {
        return board;
    }

    private long wallVirtualPs() {
        return startVirtualPs + (System.nanoTime() - startWallNanos) * 1000L;
    }

    private void loop() {
        try {
            while (running) {
                if (!calls.isEmpty()) {
                    // calls see the board at the current wall-clock time (an idle board may lag until then)
                    long w = wallVirtualPs();
                    long n = board.nowPicos();
                    if (n < w) {
                        board.catchUp(isIdle() ? w : Math.min(w, n + SLICE_NANOS * 1000L));
                    }
                }
                FutureTask<?> task;
                while ((task = calls.poll()) != null) {
                    task.run();
                }
                long wall = wallVirtualPs();
                long now = board.nowPicos();
                boolean urgent = board.usart1Wire().hasInbox();
                if (!isIdle()) {
                    if (now < wall || urgent) {
                        board.advance(Math.max(now + 1, Math.min(wall, now + SLICE_NANOS * 1000L)), null);
                    } else {
                        park((now - wall) / 1000L + 1);
                    }
                    continue;
                }
                long next = board.nextActivityPs();
                if (urgent || next <= wall || wall - now >= MAX_PARK_NANOS * 1000L) {
                    // the idle board lags by up to a park: bring it level with the wall clock first and only
                    // then take the bytes sent meanwhile, so they arrive when they were sent, not in its past
                    board.catchUp(wall);
                    board.takeHostInput();
                    continue;
                }
                long untilNext = next == Long.MAX_VALUE ? Long.MAX_VALUE : (next - wall) / 1000L + 1;
                park(Math.min(untilNext, MAX_PARK_NANOS - (wall - now) / 1000L));
            }
        } catch (Throwable t) {
            died = t;
            FutureTask<?> task;
            while ((task = calls.poll()) != null) {
                task.cancel(false);
            }
        }
    }

    private void park(long nanos) {
        if (nanos > 0 && calls.isEmpty() && !board.usart1Wire().hasInbox()) {
            LockSupport.parkNanos(this, nanos);
        }
    }

    private boolean isIdle() {
        BoardStatus s = board.status();
        return s != BoardStatus.RUNNING || board.inRomBootloader();
    }

    @Override
    public <T> T call(Function<EmulatedBoard, T> action) {
        if (Thread.currentThread() == thread) {
            return action.apply(board);
        }
        FutureTask<T> task = new FutureTask<>(() -> action.apply(board));
        if (!running || died != null) {
            throw new IllegalStateException("real-time runner is not running", died);
        }
        calls.add(task);
        LockSupport.unpark(thread);
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the board thread", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } catch (CancellationException e) {
            throw new IllegalStateException("real-time runner stopped", died);
        }
    }

    @Override
    public Duration cpuTimeUsed() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long t = mx.getThreadCpuTime(thread.getId());
        return Duration.ofNanos(Math.max(0, t));
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        board.usart1Wire().setWakeUp(null);
        FutureTask<?> task;
        while ((task = calls.poll()) != null) {
            task.run();
        }
    }
}
