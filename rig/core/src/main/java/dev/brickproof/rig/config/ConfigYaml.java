package dev.brickproof.rig.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.brickproof.rig.RigConfigurationException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a rig file or manifest into its spec record: bounded in size, its YAML checked by {@link YamlShape}, then
 * mapped with unknown keys rejected. Every failure is a {@link RigConfigurationException} in plain words with the
 * key path, line and column; never a parser's "wrong type" jargon.
 */
final class ConfigYaml {
    /** Larger than any sensible rig file or manifest (the shipped ones are a few KiB); checked before parsing. */
    static final int MAX_BYTES = 256 * 1024;
    /**
     * Longer lines are refused before parsing: the YAML scanner takes seconds over a plain scalar of a few hundred
     * KiB, and no key of a rig file or manifest needs more than a line of this length.
     */
    static final int MAX_LINE = 1024;

    private final ObjectMapper mapper;
    private final LoaderOptions options;

    ConfigYaml() {
        options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setMaxAliasesForCollections(0);
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(20);
        mapper = new ObjectMapper(YAMLFactory.builder().loaderOptions(options)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * The file as {@code type}, or null when it holds no document at all.
     *
     * @param what "rig file" or "firmware manifest", for messages
     * @param fix  what to do about a file that is not there
     */
    <T> T read(Path path, Class<T> type, String what, String fix) {
        String file = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new RigConfigurationException(file, "(file)", what + " does not exist", fix);
        }
        String text;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new RigConfigurationException(file, "(file)", what + " is " + size + " bytes, more than the "
                        + MAX_BYTES + " a " + what + " may have (a pasted binary or log?)",
                        "keep only the keys of the " + what + " reference; images go in .bin files beside the manifest");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (CharacterCodingException e) {
            throw new RigConfigurationException(file, "(file)", "not UTF-8 text", "save the " + what + " as UTF-8");
        } catch (IOException e) {
            throw new RigConfigurationException(file, "(file)", "cannot read: " + e.getMessage(), "check the file's permissions");
        }
        longestLine(file, text, what);
        if (!new YamlShape(file).check(text, options)) {
            return null;
        }
        try {
            return mapper.readValue(text, type);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new RigConfigurationException(file, path(e) + at(e.getLocation()), "unknown key",
                    "remove it or use one of: " + known);
        } catch (MismatchedInputException e) {
            throw new RigConfigurationException(file, path(e) + at(e.getLocation()), "expected " + expected(e)
                    + ", found " + found(e), "write " + expected(e) + " there (see the " + what + " reference in README.md)");
        } catch (JsonMappingException e) {
            throw new RigConfigurationException(file, path(e) + at(e.getLocation()), "cannot be read: "
                    + e.getOriginalMessage(), "see the " + what + " reference in README.md");
        } catch (JacksonException e) {
            throw new RigConfigurationException(file, "(syntax)" + at(e.getLocation()), "not valid YAML: "
                    + e.getOriginalMessage(), "correct the YAML at that line and column");
        }
    }

    private static void longestLine(String file, String text, String what) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE) {
                    throw new RigConfigurationException(file, "line " + line, "is " + (i - start) + " characters long,"
                            + " more than the " + MAX_LINE + " a line of a " + what + " may have (a pasted binary or log?)",
                            "keep each value on a short line; images go in .bin files beside the manifest");
                }
                line++;
                start = i + 1;
            }
        }
    }

    private static String expected(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        if (type == null) {
            return "a value";
        }
        if (type == String.class) {
            return "a single value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list of '- ' items";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of 'key: value' lines";
        }
        return "a " + type.getSimpleName();
    }

    private static String found(MismatchedInputException e) {
        if (e instanceof InvalidFormatException f) {
            return f.getValue() == null || String.valueOf(f.getValue()).isBlank() ? "nothing (an empty value)"
                    : "'" + f.getValue() + "'";
        }
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("START_ARRAY") || message.contains("Array value")) {
            return "a list";
        }
        if (message.contains("START_OBJECT") || message.contains("Object value")) {
            return "a mapping of keys";
        }
        if (message.contains("String value") || message.contains("VALUE_STRING")) {
            return "a single value";
        }
        if (message.contains("null") || message.contains("NULL")) {
            return "nothing (an empty value)";
        }
        return "something else";
    }

    static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "(top level)" : sb.toString();
    }
}
