package dev.brickproof.rig.emulated;

import dev.brickproof.emulator.Uart;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * The serial cable between the host's adapter and USART1, which a link-cut scenario pulls after the host has
 * sent a given number of bytes: from then on nothing the host sends reaches the board and nothing the board sends
 * reaches the host (the board keeps running, powered), until it is plugged back in. Counts every byte the host
 * sends, so that a cut can be placed at host byte B of an update.
 */
final class PullableCable implements Uart {
    private static final long NOT_ARMED = Long.MAX_VALUE;
    private final Uart board;
    private final AtomicLong hostBytes = new AtomicLong();
    /** The host byte count at which the cable comes out (bytes at or beyond it are lost). */
    private volatile long pullAt = NOT_ARMED;

    PullableCable(Uart board) {
        this.board = board;
    }

    /** From host byte {@code sentSoFar() + afterMore} on, the cable is out. */
    void pullAfter(long afterMore) {
        pullAt = hostBytes.get() + Math.max(0, afterMore);
    }

    void plugIn() {
        pullAt = NOT_ARMED;
    }

    boolean pulled() {
        return hostBytes.get() >= pullAt;
    }

    long sentSoFar() {
        return hostBytes.get();
    }

    @Override
    public void send(byte[] bytes) {
        long limit = pullAt;
        long before = hostBytes.getAndAdd(bytes.length);
        if (before + bytes.length <= limit) {
            board.send(bytes);
        } else if (before < limit) {
            byte[] through = new byte[(int) (limit - before)];
            System.arraycopy(bytes, 0, through, 0, through.length);
            board.send(through);
        }
    }

    @Override
    public void onTransmit(IntConsumer listener) {
        board.onTransmit(b -> {
            if (!pulled()) {
                listener.accept(b);
            }
        });
    }

    @Override
    public int pendingToBoard() {
        return board.pendingToBoard();
    }

    @Override
    public int baudRate() {
        return board.baudRate();
    }
}
