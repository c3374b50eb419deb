package dev.brickproof.rig.resource;

import java.util.Objects;

/**
 * Where a GPIO output is: a gpiochip and a line offset on it. {@code activeLow} says which electrical level
 * means "asserted" (NRST held, BOOT0 selected, key pressed, relay energised).
 *
 * @param chip      gpiochip name, e.g. "gpiochip0" (Raspberry Pi 1-4) or "gpiochip4"/"gpiochip0" (Pi 5); on
 *                  the mock provider only a label
 * @param line      line offset on that chip (the BCM GPIO number on a Pi)
 * @param activeLow true when the low level asserts the signal
 */
public record GpioLine(String chip, int line, boolean activeLow) {
    public GpioLine {
        Objects.requireNonNull(chip, "chip");
        if (line < 0) {
            throw new IllegalArgumentException("GPIO line must be >= 0, got " + line);
        }
    }

    /** The electrical level (true = high) that asserts this line. */
    public boolean levelFor(boolean asserted) {
        return asserted != activeLow;
    }

    /** Whether an electrical level asserts this line. */
    public boolean assertedAt(boolean high) {
        return high != activeLow;
    }

    @Override
    public String toString() {
        return chip + ":" + line + (activeLow ? " (active-low)" : "");
    }
}
