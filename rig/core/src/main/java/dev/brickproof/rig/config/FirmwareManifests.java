package dev.brickproof.rig.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.brickproof.api.Chip;
import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FlashLayout;
import dev.brickproof.rig.resource.Outcome;
import dev.brickproof.rig.resource.RejectKind;
import dev.brickproof.rig.resource.Region;
import dev.brickproof.rig.resource.RollbackKind;
import dev.brickproof.rig.resource.UpdatePhase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
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
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}");
    private static final List<String> ROLES = List.of("bootloader", "app");
    private static final List<String> OUTCOMES = Arrays.stream(Outcome.values()).map(Enum::name).toList();
    private final ConfigYaml yaml = new ConfigYaml();

    /**
     * Loads the manifest at {@code manifest}; the image path inside is relative to the manifest. Any problem
     * with manifest or image is a {@link RigConfigurationException}, nothing else.
     */
    public FirmwareImage load(Path manifest) {
        String file = manifest.toString();
        ManifestSpec spec = yaml.read(manifest, ManifestSpec.class, "firmware manifest",
                "build the firmware (fixtures/firmware) or correct the path in the rig file");
        if (spec == null) {
            throw new RigConfigurationException(file, "(file)", "manifest is empty",
                    "regenerate it with the firmware build (fixtures/firmware/tools/manifest.sh)");
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
        String sha = require(file, "sha256", spec.sha256()).trim().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(sha).matches()) {
            throw new RigConfigurationException(file, "sha256", "'" + spec.sha256() + "' is not a SHA-256 (64 hex digits)",
                    "regenerate the manifest with the firmware build (sha256sum of the image)");
        }
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
        if (size == 0) {
            throw new RigConfigurationException(file, "image", image.getFileName() + " is empty",
                    "rebuild the firmware");
        }
        String role = require(file, "role", spec.role()).trim();
        if (!ROLES.contains(role)) {
            throw new RigConfigurationException(file, "role", "'" + role + "' is not a role",
                    "write one of " + ROLES);
        }
        String version = require(file, "version", spec.version()).trim();
        if (!VERSION.matcher(version).matches()) {
            throw new RigConfigurationException(file, "version", "'" + version + "' is not major.minor",
                    "write the version as two numbers, e.g. \"2.0\" (the banner's two groups are compared with it)");
        }
        int load = address(file, "loadAddress", require(file, "loadAddress", spec.loadAddress()));
        checkPlacement(file, chip, load, size);
        Map<UpdatePhase, Outcome> outcomes = outcomes(file, spec.expectedOutcome());
        rebuildCuts(file, spec.rebuildCuts());
        FlashLayout layout = layout(file, chip, spec.layout());
        return new FirmwareImage(manifest, image, chip, require(file, "design", spec.design()).trim(), role,
                spec.variant() == null ? "good" : spec.variant(), version, load, (int) size, sha,
                regex(file, "banner", require(file, "banner", spec.banner())), outcomes, layout,
                rejects(file, role, spec.rejects()), rollback(file, role, spec.rollback()));
    }

    /** The image lies in the chip's main flash and starts on a program unit, or the board could not hold it. */
    private static void checkPlacement(String file, Chip chip, int load, long size) {
        if (Integer.remainderUnsigned(load, chip.programUnit()) != 0) {
            throw new RigConfigurationException(file, "loadAddress", Region.hex(load) + " is not aligned to the "
                    + chip + "'s program unit (" + chip.programUnit() + " bytes)", "use the start address of the image's"
                    + " flash region (regenerate the manifest with the firmware build)");
        }
        long start = Integer.toUnsignedLong(load);
        long flashStart = Integer.toUnsignedLong(chip.flashBase());
        long flashEnd = flashStart + chip.flashSize();
        if (start < flashStart || start + size > flashEnd) {
            throw new RigConfigurationException(file, "loadAddress", "the image [" + Region.hex(load) + ", "
                    + String.format("0x%08X", start + size) + ") is not inside the " + chip + "'s flash ["
                    + Region.hex(chip.flashBase()) + ", " + String.format("0x%08X", flashEnd) + ")",
                    "use the image's real load address, and the image built for this chip");
        }
    }

    /**
     * D4 patch designs: what a cut during the in-place rebuild leads to while the app is still the old image
     * ({@code appUnchanged}) and once it has changed ({@code appChanged}); checked here, read by the firmware tests.
     */
    private static void rebuildCuts(String file, Map<String, String> spec) {
        if (spec == null) {
            return;
        }
        spec.forEach((when, outcome) -> {
            if (!when.equals("appUnchanged") && !when.equals("appChanged")) {
                throw new RigConfigurationException(file, "rebuildCuts." + when, "unknown key",
                        "use appUnchanged and appChanged");
            }
            try {
                Outcome.valueOf(require(file, "rebuildCuts." + when, outcome).trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new RigConfigurationException(file, "rebuildCuts." + when, "'" + outcome + "' is not an outcome",
                        "use one of " + java.util.Arrays.toString(Outcome.values()));
            }
        });
    }

    /** Bootloaders only: per kind of bad image (RejectKind keys) what the update leads to. */
    private static Map<RejectKind, Outcome> rejects(String file, String role, Map<String, String> spec) {
        Map<RejectKind, Outcome> rejects = new EnumMap<>(RejectKind.class);
        settledOutcomes(file, role, "rejects", spec, "only a bootloader decides what a bad image leads to",
                "a rejected image", (kind, key) -> RejectKind.fromKey(kind).orElseThrow(() ->
                        new RigConfigurationException(file, key, "unknown kind of bad image",
                                "use one of " + RejectKind.keys())), rejects::put);
        return rejects;
    }

    /**
     * Bootloaders only: per way a new app fails its first boot (or a requested rollback, RollbackKind keys) what
     * the board comes back to with no host action.
     */
    private static Map<RollbackKind, Outcome> rollback(String file, String role, Map<String, String> spec) {
        Map<RollbackKind, Outcome> rollback = new EnumMap<>(RollbackKind.class);
        settledOutcomes(file, role, "rollback", spec, "only a bootloader decides whether a failed new app is"
                + " reverted", "a trial boot or a rollback", (kind, key) -> RollbackKind.fromKey(kind).orElseThrow(() ->
                        new RigConfigurationException(file, key, "unknown kind of failed boot or rollback",
                                "use one of " + RollbackKind.keys())), rollback::put);
        return rollback;
    }

    /**
     * A bootloader's section of kinds → the outcome the board settles on ({@code rejects:}, {@code rollback:}):
     * only in a bootloader's manifest, known kinds, a known outcome that is neither RESUMES nor NOT_APPLICABLE.
     */
    private static <K> void settledOutcomes(String file, String role, String section, Map<String, String> spec,
                                            String onlyBootloader, String what,
                                            java.util.function.BiFunction<String, String, K> kindOf,
                                            java.util.function.BiConsumer<K, Outcome> put) {
        if (spec == null) {
            return;
        }
        if (!"bootloader".equals(role)) {
            throw new RigConfigurationException(file, section, onlyBootloader,
                    "move " + section + ": to the bootloader's manifest");
        }
        spec.forEach((kind, outcome) -> {
            String key = section + "." + kind;
            K k = kindOf.apply(kind, key);
            Outcome o = outcome(file, key, outcome, "");
            if (o == Outcome.RESUMES || o == Outcome.NOT_APPLICABLE) {
                throw new RigConfigurationException(file, key, o + " is not an outcome of " + what,
                        "use OLD_BOOTS, NEW_BOOTS, CORRUPTED or BRICKED (or leave the kind out)");
            }
            put.accept(k, o);
        });
    }

    /** One outcome value: given, and one of {@link #OUTCOMES} ({@code hint} is added to the "no outcome" fix). */
    private static Outcome outcome(String file, String key, String outcome, String hint) {
        if (outcome == null || outcome.isBlank()) {
            throw new RigConfigurationException(file, key, "no outcome given", "write one of " + OUTCOMES + hint);
        }
        try {
            return Outcome.valueOf(outcome.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new RigConfigurationException(file, key, "unknown outcome '" + outcome + "'", "use one of " + OUTCOMES);
        }
    }

    private static Map<UpdatePhase, Outcome> outcomes(String file, Map<String, String> spec) {
        Map<UpdatePhase, Outcome> outcomes = new EnumMap<>(UpdatePhase.class);
        if (spec == null) {
            return outcomes;
        }
        spec.forEach((phase, outcome) -> {
            String key = "expectedOutcome." + phase;
            UpdatePhase p;
            try {
                p = UpdatePhase.fromKey(phase);
            } catch (IllegalArgumentException e) {
                throw new RigConfigurationException(file, key, "unknown phase",
                        "use one of transfer, erase, program, flag-write, apply, commit");
            }
            outcomes.put(p, outcome(file, key, outcome, " (NOT_APPLICABLE when the design has no such phase)"));
        });
        return outcomes;
    }

    /** The partitions, each inside flash, on erase-page boundaries and apart from the others. */
    private static FlashLayout layout(String file, Chip chip, Map<String, List<String>> spec) {
        Map<String, Region> regions = new LinkedHashMap<>();
        if (spec == null) {
            return new FlashLayout(regions);
        }
        String example = "write two addresses, e.g. [\"0x08002800\", \"0x0800F000\"]";
        spec.forEach((name, bounds) -> {
            String key = "layout." + name;
            if (bounds == null || bounds.size() != 2) {
                throw new RigConfigurationException(file, key, "needs [start, end)", example);
            }
            if (bounds.get(0) == null || bounds.get(1) == null) {
                throw new RigConfigurationException(file, key, "a bound is empty ('~' or nothing)", example);
            }
            int start = address(file, key, bounds.get(0));
            int end = address(file, key, bounds.get(1));
            Region region;
            try {
                region = new Region(name, start, end);
            } catch (IllegalArgumentException e) {
                throw new RigConfigurationException(file, key, e.getMessage(), "end must be above start");
            }
            long flashEnd = Integer.toUnsignedLong(chip.flashBase()) + chip.flashSize();
            if (!chip.containsFlash(start) || Integer.toUnsignedLong(end) > flashEnd) {
                throw new RigConfigurationException(file, key, region + " is not inside the " + chip + "'s flash ["
                        + Region.hex(chip.flashBase()) + ", " + String.format("0x%08X", flashEnd) + ")",
                        "correct the bounds in the firmware descriptor and regenerate the manifest");
            }
            if ((start - chip.flashBase()) % chip.pageSize() != 0 || (end - chip.flashBase()) % chip.pageSize() != 0) {
                throw new RigConfigurationException(file, key, region + " does not start and end on the " + chip
                        + "'s " + chip.pageSize() + "-byte erase pages", "align both bounds to a page boundary");
            }
            for (Region other : regions.values()) {
                if (Integer.compareUnsigned(start, other.end()) < 0 && Integer.compareUnsigned(other.start(), end) < 0) {
                    throw new RigConfigurationException(file, key, region + " overlaps " + other,
                            "make the partitions disjoint");
                }
            }
            regions.put(name, region);
        });
        return new FlashLayout(regions);
    }

    static String require(String file, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new RigConfigurationException(file, key, "missing", "add '" + key + "'");
        }
        return value;
    }

    static Chip chip(String file, String key, String name) {
        if (name == null || name.isBlank()) {
            throw new RigConfigurationException(file, key, "missing", "use one of " + List.of(Chip.values()));
        }
        try {
            return Chip.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RigConfigurationException(file, key, "unknown chip '" + name + "'",
                    "use one of " + List.of(Chip.values()));
        }
    }

    static Pattern regex(String file, String key, String text) {
        if (text == null) {
            throw new RigConfigurationException(file, key, "no regular expression given", "write one, or remove the line");
        }
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
