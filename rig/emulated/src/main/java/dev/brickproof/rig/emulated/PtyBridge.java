package dev.brickproof.rig.emulated;

import dev.brickproof.emulator.Uart;
import dev.brickproof.rig.LinkException;
import dev.brickproof.rig.link.pty.PseudoTerminal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Joins an emulated board's USART1 to a pseudo-terminal, so that the harness opens it with jSerialComm like
 * any USB adapter. Two threads: one feeds bytes from the pty to the board, holding back while the wire model
 * has more than a FIFO's worth queued (so that the host feels the line rate, as with a real UART), the other
 * writes what the board transmits to the pty (a separate writer, so neither side can deadlock on full tty
 * buffers).
 */
final class PtyBridge implements AutoCloseable {
    private static final int WIRE_BACKLOG = 16;
    private final PseudoTerminal pty;
    private final Uart uart;
    private final LinkedBlockingQueue<Byte> toHost = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final Thread writer;
    private volatile boolean running = true;
    /** Set by {@link #dropPendingToBoard()}: the reader throws away what it holds and what the pty holds. */
    private volatile boolean dropping;

    PtyBridge(Uart uart, Path link, String name) {
        this.uart = uart;
        this.pty = PseudoTerminal.open(link);
        uart.onTransmit(b -> toHost.add((byte) b));
        reader = new Thread(this::hostToBoard, "pty-to-" + name);
        writer = new Thread(this::boardToHost, name + "-to-pty");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    Path portPath() {
        return pty.link().orElse(pty.slavePath());
    }

    private void hostToBoard() {
        byte[] buf = new byte[WIRE_BACKLOG];
        try {
            while (running) {
                if (dropping) {
                    while (pty.read(buf, 0, buf.length, Duration.ZERO) > 0) {
                        // bytes sent to a board that was off: a real UART would have lost them
                    }
                    dropping = false;
                    continue;
                }
                int n = pty.read(buf, 0, buf.length, Duration.ofMillis(100));
                if (n <= 0) {
                    continue;
                }
                while (running && !dropping && uart.pendingToBoard() > WIRE_BACKLOG) {
                    LockSupport.parkNanos(200_000);
                }
                if (dropping) {
                    continue;
                }
                byte[] chunk = new byte[n];
                System.arraycopy(buf, 0, chunk, 0, n);
                uart.send(chunk);
            }
        } catch (LinkException e) {
            if (running) {
                throw e;
            }
        }
    }

    private void boardToHost() {
        byte[] one = new byte[1];
        try {
            while (running) {
                Byte b = toHost.poll(100, TimeUnit.MILLISECONDS);
                if (b == null) {
                    continue;
                }
                one[0] = b;
                // one byte per write: a timeout then means nothing was written, so nothing is lost or doubled
                while (running) {
                    try {
                        pty.write(one, 0, 1, Duration.ofMillis(100));
                        break;
                    } catch (LinkException e) {
                        if (pty.isClosed()) {
                            return;
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LinkException e) {
            if (running) {
                throw e;
            }
        }
    }

    /**
     * Drops everything the host sent that has not reached the board's wire yet (the board was off: a real line
     * loses those bytes, while a pty would keep them for the next power-on). Waits until done.
     */
    void dropPendingToBoard() {
        dropping = true;
        long end = System.nanoTime() + Duration.ofMillis(500).toNanos();
        while (dropping && running && System.nanoTime() < end) {
            LockSupport.parkNanos(200_000);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(1000);
            writer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pty.close();
    }
}
