package dev.brickproof.testng.signoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes {@code signoff.json} and {@code signoff.html} into a directory (next to the Allure report:
 * {@code reports/}), and attaches the HTML to the Allure results: a tear-down fixture "release sign-off" of every
 * test, so no test is added to the report's counts. The attachment is named after the build, so a sign-off merged
 * from a later suite run of the same build replaces the earlier one instead of adding a second, while the runs of
 * other builds (CI shards whose results {@code .ci/merge-reports} puts together) keep theirs.
 */
public final class SignoffWriter {
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes both files into {@code dir}; returns the HTML file. */
    public Path write(Signoff signoff, Path dir) {
        try {
            Files.createDirectories(dir);
            json.writeValue(dir.resolve("signoff.json").toFile(), signoff);
            Path html = dir.resolve("signoff.html");
            Files.writeString(html, SignoffHtml.render(signoff));
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sign-off into " + dir, e);
        }
    }


    /** The sign-off written into {@code dir} before, if there is one that reads back. */
    public Optional<Signoff> read(Path dir) {
        Path file = dir.resolve("signoff.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), Signoff.class));
        } catch (IOException e) {
            return Optional.empty();   // an older layout or a torn file: this run's sign-off replaces it
        }
    }

    /**
     * Attaches {@code html} to every test result in the Allure results directory {@code results}, under a name of
     * {@code build} (blank: a name of its own).
     */
    public void attachToAllure(Path html, Path results, String build) {
        if (!Files.isDirectory(results)) {
            return;
        }
        try {
            String name = "brickproof-signoff-" + (build.isBlank() ? UUID.randomUUID().toString()
                    : build.replaceAll("[^A-Za-z0-9._-]", "_"));
            String source = name + "-attachment.html";
            Files.copy(html, results.resolve(source), StandardCopyOption.REPLACE_EXISTING);
            ObjectNode container = json.createObjectNode();
            String uuid = name;
            container.put("uuid", uuid);
            container.put("name", "release sign-off");
            ArrayNode children = container.putArray("children");
            try (Stream<Path> files = Files.list(results)) {
                files.filter(p -> p.getFileName().toString().endsWith("-result.json")).forEach(p -> {
                    try {
                        children.add(json.readTree(p.toFile()).path("uuid").asText());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            long now = System.currentTimeMillis();
            ObjectNode after = container.putArray("afters").addObject();
            after.put("name", "release sign-off");
            after.put("status", "passed");
            after.put("stage", "finished");
            after.put("start", now);
            after.put("stop", now);
            ObjectNode attachment = after.putArray("attachments").addObject();
            attachment.put("name", "signoff.html");
            attachment.put("source", source);
            attachment.put("type", "text/html");
            container.put("start", now);
            container.put("stop", now);
            json.writeValue(results.resolve(uuid + "-container.json").toFile(), container);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot attach the sign-off to the Allure results in " + results, e);
        }
    }

    /** Brickproof's version, from the build ("unknown" when run from unfiltered sources). */
    public static String version() {
        try (InputStream in = SignoffWriter.class.getResourceAsStream("brickproof-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return Optional.ofNullable(p.getProperty("version")).filter(v -> !v.startsWith("$")).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
