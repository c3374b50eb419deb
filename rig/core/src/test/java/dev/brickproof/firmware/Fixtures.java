package dev.brickproof.firmware;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The committed fixture images in {@code fixtures/firmware/bin} and their manifests. */
final class Fixtures {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Fixtures() { }

    static Path binDir() {
        Path root = Path.of(System.getProperty("brickproof.root", "../.."));
        Path dir = root.resolve("fixtures/firmware/bin");
        return Files.isDirectory(dir) ? dir : Path.of("../../fixtures/firmware/bin");
    }

    static byte[] image(String name) {
        try {
            return Files.readAllBytes(binDir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest of {@code image} ("x.bin" → "x.yaml"), as parsed YAML. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> manifest(String image) {
        Path yaml = binDir().resolve(image.replaceFirst("\\.bin$", ".yaml"));
        try {
            return YAML.readValue(yaml.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> images() {
        try (Stream<Path> files = Files.list(binDir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bin")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> bootloaders() {
        return images().stream().filter(n -> n.contains("-boot")).toList();
    }

    static int hex(Object s) {
        return Integer.parseUnsignedInt(s.toString().replaceFirst("^0x", ""), 16);
    }
}
