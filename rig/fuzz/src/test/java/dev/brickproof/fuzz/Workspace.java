package dev.brickproof.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.lifecycle.Lifespan;
import net.jqwik.api.lifecycle.Store;

/**
 * A private copy of {@code fixtures/rigs} and {@code fixtures/firmware/bin} in a temporary directory (one per
 * run), where mutated rig files and manifests are written next to the files they refer to.
 */
final class Workspace {
    private final Path root;
    private final Path fixtures;

    private Workspace(Path root, Path fixtures) {
        this.root = root;
        this.fixtures = fixtures;
    }

    static Workspace ofThisRun() {
        return Store.getOrCreate("brickproof.fuzz.workspace", Lifespan.RUN, Workspace::create).get();
    }

    private static Workspace create() {
        Path fixtures = Mode.fromSystemProperties().root().resolve("fixtures");
        try {
            Path root = Files.createTempDirectory("brickproof-fuzz");
            copy(fixtures.resolve("rigs"), root.resolve("rigs"), "yaml");
            copy(fixtures.resolve("firmware/bin"), root.resolve("firmware/bin"), null);
            return new Workspace(root, fixtures);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the fuzz workspace from " + fixtures, e);
        }
    }

    private static void copy(Path from, Path to, String onlyExtension) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (onlyExtension == null || f.getFileName().toString().endsWith("." + onlyExtension)) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }

    Path rigs() {
        return root.resolve("rigs");
    }

    Path firmware() {
        return root.resolve("firmware/bin");
    }

    /** Texts of the fixture files with this extension in {@code dir} (of the workspace). */
    List<String> texts(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix) && !f.getFileName().toString().startsWith("fuzzed")).sorted().map(Workspace::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} as {@code dir/name}, replacing the previous case. */
    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path fixtures() {
        return fixtures;
    }
}
