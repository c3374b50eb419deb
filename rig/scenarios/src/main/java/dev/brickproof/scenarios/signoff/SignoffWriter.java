package dev.brickproof.scenarios.signoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brickproof.rig.RigConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
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

    /** Every file a sign-off attaches to Allure results starts with this. */
    static final String PREFIX = "brickproof-signoff-";
    /** The sign-off's JSON copy in Allure results, for merging the results of several runs (CI shards). */
    static final String COPY_SUFFIX = ".signoff.json";

    /**
     * Attaches {@code html} to every test result in the Allure results directory {@code results}, under a name of
     * the sign-off's build (blank: a name of its own), with a JSON copy of the sign-off next to it.
     */
    public void attachToAllure(Signoff signoff, Path html, Path results) {
        if (!Files.isDirectory(results)) {
            return;
        }
        try {
            String name = PREFIX + (signoff.build() == null || signoff.build().isBlank()
                    ? UUID.randomUUID().toString() : signoff.build().replaceAll("[^A-Za-z0-9._-]", "_"));
            String source = name + "-attachment.html";
            Files.copy(html, results.resolve(source), StandardCopyOption.REPLACE_EXISTING);
            json.writeValue(results.resolve(name + COPY_SUFFIX).toFile(), signoff);
            ObjectNode container = json.createObjectNode();
            container.put("uuid", name);
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
            json.writeValue(results.resolve(name + "-container.json").toFile(), container);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot attach the sign-off to the Allure results in " + results, e);
        }
    }

    /** Removes every sign-off (attachment, container, JSON copy) from Allure results: before a merged one goes in. */
    public void detachAllFromAllure(Path results) {
        try (Stream<Path> files = Files.list(results)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith(PREFIX)).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the sign-offs from the Allure results in " + results, e);
        }
    }

    /**
     * The sign-offs in {@code inputs}: {@code signoff.json} files, directories holding one ({@code reports/}), or
     * Allure results directories holding sign-off copies ({@code *.signoff.json}); in the order given.
     *
     * @throws RigConfigurationException when an input is missing, holds no sign-off or does not read as one
     */
    public List<Signoff> readAll(List<Path> inputs) {
        List<Signoff> all = new ArrayList<>();
        for (Path input : inputs) {
            List<Path> files;
            if (Files.isRegularFile(input)) {
                files = List.of(input);
            } else if (Files.isDirectory(input)) {
                try (Stream<Path> list = Files.list(input)) {
                    files = list.filter(f -> f.getFileName().toString().equals("signoff.json")
                            || f.getFileName().toString().endsWith(COPY_SUFFIX)).sorted().toList();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + input, e);
                }
            } else {
                throw new RigConfigurationException(input.toString(), "(file)", "no such file or directory",
                        "name a signoff.json, the reports/ directory that holds it, or an allure-results directory");
            }
            if (files.isEmpty()) {
                throw new RigConfigurationException(input.toString(), "(directory)", "holds no signoff.json and no"
                        + " *" + COPY_SUFFIX, "name the reports/ directory of a suite run or its allure-results");
            }
            for (Path f : files) {
                try {
                    all.add(json.readValue(f.toFile(), Signoff.class));
                } catch (IOException e) {
                    throw new RigConfigurationException(f.toString(), "(file)", "does not read as a sign-off: "
                            + e.getMessage().lines().findFirst().orElse(""), "give it the signoff.json a suite run"
                            + " wrote (same Brickproof version)");
                }
            }
        }
        return all;
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
