package dev.brickproof.emulator;

import java.util.function.IntConsumer;

/**
 * The host end of an emulated USART's wire. Bytes sent here arrive at the board's RX at the configured line
 * rate in virtual time (10 bit times a byte at 8N1, 11 at 8E1); bytes the board transmits are delivered to
 * the listener when their stop bit has left the pin in virtual time.
 */
public interface Uart {

    /** Queues bytes for the board's RX line. Thread-safe. */
    void send(byte[] bytes);

    default void send(int oneByte) {
        send(new byte[] {(byte) oneByte});
    }

    /** Receives every byte the board transmits (called on the thread that runs the board). */
    void onTransmit(IntConsumer listener);

    /** Bytes queued for RX that the board has not yet taken off the wire. */
    int pendingToBoard();

    /** Line rate used for pacing when the firmware has not set BRR yet, and for the wire model. */
    int baudRate();
}
