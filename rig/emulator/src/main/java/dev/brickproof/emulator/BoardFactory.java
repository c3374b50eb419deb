package dev.brickproof.emulator;

import dev.brickproof.emulator.soc.SocRealTimeRunner;
import dev.brickproof.emulator.soc.Stm32Board;

/** Builds the concrete boards. Package-private seam between the public API and the SoC models. */
final class BoardFactory {
    private BoardFactory() { }

    static EmulatedBoard create(BoardOptions options) {
        return new Stm32Board(options);
    }

    static RealTimeRunner startRealTime(EmulatedBoard board, String threadName) {
        if (!(board instanceof Stm32Board stm32)) {
            throw new IllegalArgumentException("not an emulated board from EmulatedBoard.create: " + board);
        }
        return SocRealTimeRunner.start(stm32, threadName);
    }
}
