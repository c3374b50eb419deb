package dev.brickproof.rig.emulated;

import dev.brickproof.emulator.Uart;
import java.util.function.IntConsumer;

/**
 * USART1 behind a console adapter whose wires are off ({@code emulated.faults: [console-dead]}): the board runs and
 * transmits, but nothing reaches the host and nothing the host sends reaches the board.
 */
final class DeadConsole implements Uart {
    private final Uart board;

    DeadConsole(Uart board) {
        this.board = board;
    }

    @Override
    public void send(byte[] bytes) {
        // the host's TX wire is off: the board never sees these bytes
    }

    @Override
    public void onTransmit(IntConsumer listener) {
        // the board's TX wire is off: nothing it sends reaches the host
    }

    @Override
    public int pendingToBoard() {
        return 0;
    }

    @Override
    public int baudRate() {
        return board.baudRate();
    }
}
