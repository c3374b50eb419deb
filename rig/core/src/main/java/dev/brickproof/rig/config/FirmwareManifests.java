package dev.brickproof.rig.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.brickproof.emulator.Chip;
import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FlashLayout;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.Region;
import dev.brickproof.rig.resource.UpdatePhase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads firmware manifests and checks that the image they describe is there and intact. */
public final class FirmwareManifests {
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /**
     * Loads the manifest at {@code manifest}; the image path inside is relative to the manifest. Any problem
     * with manifest or image is a {@link RigConfigurationException}, nothing else.
     */
    public FirmwareImage load(Path manifest) {
        String file = manifest.toString();
        if (!Files.isRegularFile(manifest)) {
            throw new RigConfigurationException(file, "(file)", "firmware manifest does not exist",
                    "build the firmware (fixtures/firmware) or correct the path in the rig file");
        }
        ManifestSpec spec;
        try {
            spec = yaml.readValue(manifest.toFile(), ManifestSpec.class);
        } catch (JacksonException e) {
            throw new RigConfigurationException(file, "(syntax)", "not a valid manifest: " + e.getOriginalMessage(),
                    "regenerate the manifest with the firmware build");
        } catch (IOException e) {
            throw new RigConfigurationException(file, "(file)", "cannot read: " + e.getMessage(), "check permissions");
        }
        if (spec == null) {
            throw new RigConfigurationException(file, "(file)", "manifest is empty", "regenerate it");
        }
        String imageName = require(file, "image", spec.image());
        Path image;
        try {
            image = manifest.toAbsolutePath().getParent().resolve(imageName).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new RigConfigurationException(file, "image", "'" + imageName + "' is not a file name: " + e.getReason(),
                    "name the .bin next to the manifest, e.g. f103-d1-app-v1.0.bin");
        }
        if (!Files.isRegularFile(image)) {
            throw new RigConfigurationException(file, "image", "firmware file " + image + " does not exist",
                    "build the firmware (fixtures/firmware) or correct 'image'");
        }
        Chip chip = chip(file, "chip", require(file, "chip", spec.chip()));
        String sha = require(file, "sha256", spec.sha256()).toLowerCase(Locale.ROOT);
        String actual = sha256(image);
        if (!actual.equals(sha)) {
            throw new RigConfigurationException(file, "sha256", "SHA-256 of " + image.getFileName() + " is " + actual
                    + ", the manifest says " + sha, "rebuild the firmware so image and manifest match");
        }
        long size;
        try {
            size = Files.size(image);
        } catch (IOException e) {
            throw new RigConfigurationException(file, "image", "cannot read " + image + ": " + e.getMessage(),
                    "check permissions");
        }
        if (spec.size() != null && spec.size() != size) {
            throw new RigConfigurationException(file, "size", "says " + spec.size() + " bytes, the image has " + size,
                    "rebuild the firmware so image and manifest match");
        }
        Map<UpdatePhase, Outcome> outcomes = new EnumMap<>(UpdatePhase.class);
        if (spec.expectedOutcome() != null) {
            spec.expectedOutcome().forEach((phase, outcome) -> {
                String key = "expectedOutcome." + phase;
                UpdatePhase p;
                try {
                    p = UpdatePhase.fromKey(phase);
                } catch (IllegalArgumentException e) {
                    throw new RigConfigurationException(file, key, "unknown phase",
                            "use one of transfer, erase, program, flag-write, apply, commit");
                }
                if (outcome == null) {
                    throw new RigConfigurationException(file, key, "no outcome given",
                            "use one of OLD_BOOTS, NEW_BOOTS, RESUMES, CORRUPTED, BRICKED, NOT_APPLICABLE");
                }
                try {
                    outcomes.put(p, Outcome.valueOf(outcome.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
                } catch (IllegalArgumentException e) {
                    throw new RigConfigurationException(file, key, "unknown outcome '" + outcome + "'",
                            "use one of OLD_BOOTS, NEW_BOOTS, RESUMES, CORRUPTED, BRICKED, NOT_APPLICABLE");
                }
            });
        }
        Map<String, Region> regions = new LinkedHashMap<>();
        if (spec.layout() != null) {
            spec.layout().forEach((name, bounds) -> {
                String key = "layout." + name;
                if (bounds == null || bounds.size() != 2) {
                    throw new RigConfigurationException(file, key, "needs [start, end)", "write e.g. [\"0x08002800\", \"0x0800F000\"]");
                }
                int start = address(file, key, bounds.get(0));
                int end = address(file, key, bounds.get(1));
                try {
                    regions.put(name, new Region(name, start, end));
                } catch (IllegalArgumentException e) {
                    throw new RigConfigurationException(file, key, e.getMessage(), "end must be above start");
                }
            });
        }
        return new FirmwareImage(manifest, image, chip, require(file, "design", spec.design()),
                require(file, "role", spec.role()), spec.variant() == null ? "good" : spec.variant(),
                require(file, "version", spec.version()), address(file, "loadAddress", require(file, "loadAddress", spec.loadAddress())),
                (int) size, sha, regex(file, "banner", require(file, "banner", spec.banner())), outcomes,
                new FlashLayout(regions));
    }

    static String require(String file, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new RigConfigurationException(file, key, "missing", "add '" + key + "'");
        }
        return value;
    }

    static Chip chip(String file, String key, String name) {
        try {
            return Chip.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RigConfigurationException(file, key, "unknown chip '" + name + "'",
                    "use one of " + List.of(Chip.values()));
        }
    }

    static Pattern regex(String file, String key, String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new RigConfigurationException(file, key, "not a regular expression: " + e.getDescription(),
                    "fix the regex (Java syntax)");
        }
    }

    static int address(String file, String key, String text) {
        if (text == null) {
            throw new RigConfigurationException(file, key, "no address given", "write a hex string such as \"0x08002800\"");
        }
        try {
            String t = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
            long v = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new RigConfigurationException(file, key, "'" + text + "' is not an address",
                    "write a hex string such as \"0x08002800\"");
        }
    }

    /** Lower-case hex SHA-256 of a file. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new RigConfigurationException(file.toString(), "(file)", "cannot read: " + e.getMessage(), "check permissions");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lower-case hex SHA-256 of bytes. */
    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
