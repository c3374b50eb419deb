package dev.brickproof.rig.resource;

import dev.brickproof.api.Chip;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the rig file says about one board: where its console and wires are, how long things take,
 * and which firmware profile it runs. Plain description; drivers act on it.
 *
 * @param updateKey the GPIO line wired to the design's update key, or null when the design has none
 * @param firmware  the firmware profile, or null when the rig file declares none (rig-only checks)
 */
public record BoardResource(String id, Chip chip, SerialPortResource serial, GpioLine reset, GpioLine boot0,
                            GpioLine updateKey, PowerRelay power, BoardTiming timing, FirmwareProfile firmware,
                            EmulatedWiring emulated) {

    public BoardResource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chip, "chip");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(reset, "reset");
        Objects.requireNonNull(boot0, "boot0");
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(emulated, "emulated");
    }

    public Optional<GpioLine> updateKeyLine() {
        return Optional.ofNullable(updateKey);
    }

    public Optional<FirmwareProfile> firmwareProfile() {
        return Optional.ofNullable(firmware);
    }

    /**
     * Where the update key lands on an emulated board's pins, e.g. PA0 pressed = high.
     *
     * @param keyPort     GPIO port letter of the key input
     * @param keyPin      pin number
     * @param keyPressedHigh level of the pin while the key is pressed
     * @param seed        emulator seed (torn bits replay)
     * @param idleFastForward let the emulator skip idle and polling loops in virtual time
     */
    public record EmulatedWiring(char keyPort, int keyPin, boolean keyPressedHigh, long seed, boolean idleFastForward) {
        public static EmulatedWiring defaults() {
            return new EmulatedWiring('A', 0, true, 1L, true);
        }
    }
}
