package dev.brickproof.emulator.soc;

import dev.brickproof.emulator.Uart;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The host end of a USART wire. {@link #send} is thread-safe: bytes wait in an inbox until the board's
 * thread takes them ({@link #drain}) and puts them on the line at the current line rate.
 */
public final class UartWire implements Uart {
    private final ConcurrentLinkedQueue<Integer> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inboxCount = new AtomicInteger();
    private final List<IntConsumer> listeners = new CopyOnWriteArrayList<>();
    private volatile Runnable wakeUp = () -> { };
    private Usart usart;

    void attach(Usart usart) {
        this.usart = usart;
    }

    /** Called after every {@link #send} (the real-time runner unparks its thread here). */
    public void setWakeUp(Runnable wakeUp) {
        this.wakeUp = wakeUp == null ? () -> { } : wakeUp;
    }

    @Override
    public void send(byte[] bytes) {
        for (byte b : bytes) {
            inbox.add(b & 0xFF);
            inboxCount.incrementAndGet();
        }
        wakeUp.run();
    }

    @Override
    public void onTransmit(IntConsumer listener) {
        listeners.add(listener);
    }

    @Override
    public int pendingToBoard() {
        Usart u = usart;
        return inboxCount.get() + (u == null ? 0 : u.rxQueued());
    }

    @Override
    public int baudRate() {
        Usart u = usart;
        return u == null ? 0 : u.lineBaud();
    }

    /** True when bytes wait in the inbox (board thread has not taken them yet). */
    public boolean hasInbox() {
        return inboxCount.get() > 0;
    }

    /** Takes every byte sent so far (board thread). */
    int drain(IntConsumer sink) {
        int n = 0;
        Integer b;
        while ((b = inbox.poll()) != null) {
            inboxCount.decrementAndGet();
            sink.accept(b);
            n++;
        }
        return n;
    }

    void deliver(int value) {
        for (IntConsumer l : listeners) {
            l.accept(value);
        }
    }
}
