package dev.brickproof.rig.resource;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A loaded and validated rig file.
 *
 * @param file   the rig file
 * @param name   a label for reports
 * @param gpio   which Pi4J provider drives the GPIO lines
 * @param runs   directory for serial transcripts and flash maps of each run
 * @param boards the boards, in file order
 */
public record RigDescription(Path file, String name, GpioProvider gpio, Path runs, List<BoardResource> boards) {

    /** Pi4J digital-output provider. */
    public enum GpioProvider {
        /** pi4j-plugin-mock: no hardware (emulated rigs, tests). */
        MOCK,
        /** pi4j-plugin-gpiod: libgpiod on a Raspberry Pi (any model, including the Pi 5). */
        GPIOD
    }

    public RigDescription {
        boards = List.copyOf(boards);
    }

    public Optional<BoardResource> board(String id) {
        return boards.stream().filter(b -> b.id().equals(id)).findFirst();
    }
}
