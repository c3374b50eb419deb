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
     * @param faults      rig faults injected into this emulated board's wiring (for testing the rig's own checks)
     */
    public record EmulatedWiring(char keyPort, int keyPin, boolean keyPressedHigh, long seed, boolean idleFastForward,
                                 java.util.Set<RigFault> faults) {
        public EmulatedWiring {
            faults = faults.isEmpty() ? java.util.Set.of() : java.util.Set.copyOf(java.util.EnumSet.copyOf(faults));
        }

        public static EmulatedWiring defaults() {
            return new EmulatedWiring('A', 0, true, 1L, true, java.util.Set.of());
        }

        public boolean has(RigFault fault) {
            return faults.contains(fault);
        }
    }

    /**
     * A broken piece of rig an emulated board can be given ({@code emulated.faults} in the rig file), so health
     * checks and rig-fault handling are tested against the faults real labs have.
     */
    public enum RigFault {
        /** The console adapter's wires are off: nothing the board sends reaches the host, nothing the host sends arrives. */
        CONSOLE_DEAD("console-dead"),
        /** The relay contact is welded shut: the board stays powered whatever the coil does. */
        RELAY_STUCK_ON("relay-stuck-on");

        private final String key;

        RigFault(String key) {
            this.key = key;
        }

        /** The rig-file spelling. */
        public String key() {
            return key;
        }

        public static java.util.Optional<RigFault> ofKey(String key) {
            return java.util.Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
        }
    }
}
