package dev.brickproof.emulator;

/** Builds the concrete boards. Package-private seam between the public API and the SoC models. */
final class BoardFactory {
    private BoardFactory() { }

    static EmulatedBoard create(BoardOptions options) {
        throw new UnsupportedOperationException("emulated boards are not implemented yet");
    }

    static RealTimeRunner startRealTime(EmulatedBoard board, String threadName) {
        throw new UnsupportedOperationException("real-time runner is not implemented yet");
    }
}
