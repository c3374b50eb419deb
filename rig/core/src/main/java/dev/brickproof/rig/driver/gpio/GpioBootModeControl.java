package dev.brickproof.rig.driver.gpio;

import dev.brickproof.rig.BoardStateException;
import dev.brickproof.rig.driver.BootModeControl;
import java.util.Optional;

/** BOOT0 and, when the design has one, the update key, each on a GPIO line. */
public final class GpioBootModeControl implements BootModeControl {
    private final String board;
    private final GpioOutput boot0;
    private final Optional<GpioOutput> updateKey;

    public GpioBootModeControl(String board, GpioOutput boot0, Optional<GpioOutput> updateKey) {
        this.board = board;
        this.boot0 = boot0;
        this.updateKey = updateKey;
    }

    @Override
    public void selectRomBootloader() {
        updateKey.ifPresent(k -> k.set(false));
        boot0.set(true);
    }

    @Override
    public void pressUpdateKey() {
        GpioOutput key = updateKey.orElseThrow(() -> new BoardStateException("board " + board
                + " has no update key line; declare gpio.updateKey in the rig file"));
        boot0.set(false);
        key.set(true);
    }

    @Override
    public void selectNormalBoot() {
        updateKey.ifPresent(k -> k.set(false));
        boot0.set(false);
    }

    @Override
    public void close() {
        selectNormalBoot();
    }
}
