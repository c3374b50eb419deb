package dev.brickproof.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The default rig file when {@code --rig} is not given: {@code fixtures/rigs/emulated.yaml} in the working
 * directory or the nearest directory above it (the repository root), so that the CLI works from anywhere in
 * a checkout.
 */
final class RigFileLocator {
    static final Path DEFAULT = Path.of("fixtures", "rigs", "emulated.yaml");

    private RigFileLocator() { }

    static Optional<Path> findFrom(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DEFAULT);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
