package dev.brickproof.emulator;

import dev.brickproof.api.Chip;

import java.util.Objects;

/**
 * How to build an {@link EmulatedBoard}.
 *
 * @param chip               the part
 * @param seed               seed for every indeterminate choice (torn bits), so runs replay
 * @param strictPeripherals  true: an access to an unmodelled peripheral address is a bus fault;
 *                           false (default): reads 0, writes ignored, address listed in the run report
 * @param idleFastForward    skip virtual time over WFI and status-polling loops to the next event
 * @param baudRate           line rate of the wire model when the firmware has not programmed BRR
 * @param blockTranslation   compile hot straight runs of register-only instructions into JVM methods (default
 *                           true; same results, faster); false runs the interpreter alone
 */
public record BoardOptions(Chip chip, long seed, boolean strictPeripherals, boolean idleFastForward, int baudRate,
                           boolean blockTranslation) {

    public BoardOptions {
        Objects.requireNonNull(chip, "chip");
        if (baudRate <= 0) {
            throw new IllegalArgumentException("baudRate must be positive, got " + baudRate);
        }
    }

    public static BoardOptions of(Chip chip) {
        return new BoardOptions(chip, 1L, false, true, 115_200, true);
    }

    public BoardOptions withSeed(long newSeed) {
        return new BoardOptions(chip, newSeed, strictPeripherals, idleFastForward, baudRate, blockTranslation);
    }

    public BoardOptions withStrictPeripherals(boolean strict) {
        return new BoardOptions(chip, seed, strict, idleFastForward, baudRate, blockTranslation);
    }

    public BoardOptions withIdleFastForward(boolean on) {
        return new BoardOptions(chip, seed, strictPeripherals, on, baudRate, blockTranslation);
    }

    public BoardOptions withBaudRate(int newBaudRate) {
        return new BoardOptions(chip, seed, strictPeripherals, idleFastForward, newBaudRate, blockTranslation);
    }

    public BoardOptions withBlockTranslation(boolean on) {
        return new BoardOptions(chip, seed, strictPeripherals, idleFastForward, baudRate, on);
    }
}
