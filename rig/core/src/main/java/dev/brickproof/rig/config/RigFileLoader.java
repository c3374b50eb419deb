package dev.brickproof.rig.config;

import static dev.brickproof.rig.config.FirmwareManifests.chip;
import static dev.brickproof.rig.config.FirmwareManifests.regex;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.brickproof.emulator.Chip;
import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.BoardResource.EmulatedWiring;
import dev.brickproof.rig.resource.BoardTiming;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.FirmwareProfile.UpdateEntry;
import dev.brickproof.rig.resource.GpioLine;
import dev.brickproof.rig.resource.PowerRelay;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.rig.resource.RigDescription.GpioProvider;
import dev.brickproof.rig.resource.SerialPortResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads a rig file (YAML) into a {@link RigDescription}, failing fast with a
 * {@link RigConfigurationException} that names the file, the key and a fix. Relative paths in the file
 * (firmware manifests, {@code runs}) are resolved against the rig file's directory.
 */
public final class RigFileLoader {
    private static final Pattern KEY_PIN = Pattern.compile("P([A-H])(\\d{1,2})");
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private final FirmwareManifests manifests = new FirmwareManifests();
    private final Path defaultRuns;

    /** Runs directory defaults to {@code <brickproof.root>/reports/runs}. */
    public RigFileLoader() {
        this(Path.of(System.getProperty("brickproof.root", ".")).resolve("reports/runs"));
    }

    public RigFileLoader(Path defaultRuns) {
        this.defaultRuns = defaultRuns;
    }

    /** Loads and checks {@code rigFile}; any problem in it is a {@link RigConfigurationException}, nothing else. */
    public RigDescription load(Path rigFile) {
        String file = rigFile.toString();
        if (!Files.isRegularFile(rigFile)) {
            throw new RigConfigurationException(file, "(file)", "rig file does not exist",
                    "pass an existing file with -Drig=<path> (default fixtures/rigs/emulated.yaml)");
        }
        RigFileSpec spec;
        try {
            spec = yaml.readValue(rigFile.toFile(), RigFileSpec.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new RigConfigurationException(file, path(e), "unknown key",
                    "remove it or use one of: " + known);
        } catch (JsonMappingException e) {
            throw new RigConfigurationException(file, path(e), "wrong type: " + e.getOriginalMessage(),
                    "see the rig-file reference in README.md");
        } catch (JacksonException e) {
            throw new RigConfigurationException(file, "(syntax)", "not valid YAML: " + e.getOriginalMessage(),
                    "fix the YAML syntax");
        } catch (IOException e) {
            throw new RigConfigurationException(file, "(file)", "cannot read: " + e.getMessage(), "check permissions");
        }
        if (spec == null) {
            throw new RigConfigurationException(file, "(file)", "rig file is empty", "declare at least one board");
        }
        Path dir = rigFile.toAbsolutePath().getParent();
        return new Validation(file, dir).rig(spec, rigFile);
    }

    private static String path(JsonMappingException e) {
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
        return sb.isEmpty() ? "(root)" : sb.toString();
    }

    /** Validation of one file, holding its name and directory for messages and paths. */
    private final class Validation {
        private final String file;
        private final Path dir;
        private final Map<Path, FirmwareImage> loaded = new HashMap<>();

        Validation(String file, Path dir) {
            this.file = file;
            this.dir = dir;
        }

        RigDescription rig(RigFileSpec spec, Path rigFile) {
            GpioProvider gpio = spec.gpio() == null ? GpioProvider.MOCK : enumValue(GpioProvider.class, "gpio", spec.gpio());
            Path runs;
            try {
                runs = spec.runs() == null ? defaultRuns : dir.resolve(spec.runs()).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new RigConfigurationException(file, "runs", "'" + spec.runs() + "' is not a path: " + e.getReason(),
                        "give a directory for transcripts, relative to the rig file");
            }
            if (spec.boards() == null || spec.boards().isEmpty()) {
                throw new RigConfigurationException(file, "boards", "no boards declared", "declare at least one board");
            }
            List<BoardResource> boards = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            Map<String, String> lines = new HashMap<>();
            for (int i = 0; i < spec.boards().size(); i++) {
                BoardResource board = board("boards[" + i + "]", spec.boards().get(i), gpio);
                if (!ids.add(board.id())) {
                    throw new RigConfigurationException(file, "boards[" + i + "].id", "duplicate board id '" + board.id() + "'",
                            "give every board its own id");
                }
                claim(lines, "boards[" + i + "].gpio.reset", board.reset());
                claim(lines, "boards[" + i + "].gpio.boot0", board.boot0());
                if (board.updateKey() != null) {
                    claim(lines, "boards[" + i + "].gpio.updateKey", board.updateKey());
                }
                claim(lines, "boards[" + i + "].power.relay", board.power().coil());
                boards.add(board);
            }
            return new RigDescription(rigFile, spec.name() == null ? rigFile.getFileName().toString() : spec.name(),
                    gpio, runs, boards);
        }

        private void claim(Map<String, String> lines, String key, GpioLine line) {
            String where = line.chip() + ":" + line.line();
            String previous = lines.putIfAbsent(where, key);
            if (previous != null) {
                throw new RigConfigurationException(file, key, "GPIO " + where + " is already used by " + previous,
                        "wire each signal to its own line");
            }
        }

        private BoardResource board(String at, RigFileSpec.Board b, GpioProvider gpio) {
            if (b == null) {
                throw new RigConfigurationException(file, at, "empty board entry", "give the board its keys (id, chip, "
                        + "serial, gpio, power) or remove the empty '-'");
            }
            String id = require(at + ".id", b.id());
            Chip chip = chip(file, at + ".chip", require(at + ".chip", b.chip()));
            SerialPortResource serial = serial(at + ".serial", b.serial());
            if (serial.isEmulated() && gpio != GpioProvider.MOCK) {
                throw new RigConfigurationException(file, at + ".serial.port", "an emulated board needs the mock GPIO provider",
                        "set 'gpio: mock' or give a real port");
            }
            if (b.gpio() == null) {
                throw missing(at + ".gpio");
            }
            GpioLine reset = line(at + ".gpio.reset", b.gpio().reset(), true);
            GpioLine boot0 = line(at + ".gpio.boot0", b.gpio().boot0(), false);
            GpioLine key = b.gpio().updateKey() == null ? null : line(at + ".gpio.updateKey", b.gpio().updateKey(), false);
            PowerRelay power = power(at + ".power", b.power());
            BoardTiming timing = timing(at + ".timing", b.timing());
            FirmwareProfile firmware = b.firmware() == null ? null : firmware(at + ".firmware", b.firmware(), chip);
            if (firmware != null && firmware.updateEntry() == UpdateEntry.KEY_AT_RESET && key == null) {
                throw new RigConfigurationException(file, at + ".gpio.updateKey", "design " + firmware.design()
                        + " enters its bootloader with a key held at reset, but no key line is declared",
                        "wire the key to a GPIO line and declare it");
            }
            return new BoardResource(id, chip, serial, reset, boot0, key, power, timing, firmware,
                    emulated(at + ".emulated", b.emulated()));
        }

        private SerialPortResource serial(String at, RigFileSpec.Serial s) {
            if (s == null) {
                throw missing(at);
            }
            String port = s.port();
            if (port == null || port.isBlank()) {
                throw new RigConfigurationException(file, at + ".port", "missing serial port",
                        "give the adapter's /dev/serial/by-id/... path, or 'emulated'");
            }
            int baud = s.baud() == null ? 115_200 : s.baud();
            if (baud <= 0) {
                throw new RigConfigurationException(file, at + ".baud", "must be positive", "e.g. 115200");
            }
            Duration reappear = s.reappearTimeout() == null ? Duration.ofSeconds(5)
                    : duration(at + ".reappearTimeout", s.reappearTimeout());
            return new SerialPortResource(port, baud, reappear);
        }

        private GpioLine line(String at, RigFileSpec.Line l, boolean defaultActiveLow) {
            if (l == null) {
                throw missing(at);
            }
            if (l.line() == null) {
                throw missing(at + ".line");
            }
            if (l.line() < 0) {
                throw new RigConfigurationException(file, at + ".line", "negative line number", "use the line offset (BCM number)");
            }
            return new GpioLine(l.chip() == null ? "gpiochip0" : l.chip(), l.line(),
                    l.activeLow() == null ? defaultActiveLow : l.activeLow());
        }

        private PowerRelay power(String at, RigFileSpec.Power p) {
            if (p == null) {
                throw missing(at);
            }
            GpioLine coil = line(at + ".relay", p.relay(), false);
            PowerRelay.Wiring wiring = p.wiring() == null ? PowerRelay.Wiring.NORMALLY_OPEN
                    : enumValue(PowerRelay.Wiring.class, at + ".wiring", p.wiring());
            String safe = p.safeState() == null ? "powered" : p.safeState().trim().toLowerCase(Locale.ROOT);
            if (!safe.equals("powered") && !safe.equals("unpowered")) {
                throw new RigConfigurationException(file, at + ".safeState", "'" + p.safeState() + "' is not a state",
                        "write 'powered' or 'unpowered'");
            }
            return new PowerRelay(coil, wiring, safe.equals("powered"));
        }

        private BoardTiming timing(String at, RigFileSpec.Timing t) {
            BoardTiming d = BoardTiming.defaults();
            if (t == null) {
                return d;
            }
            return new BoardTiming(
                    t.resetPulse() == null ? d.resetPulse() : duration(at + ".resetPulse", t.resetPulse()),
                    t.resetSettle() == null ? d.resetSettle() : duration(at + ".resetSettle", t.resetSettle()),
                    t.powerOff() == null ? d.powerOff() : duration(at + ".powerOff", t.powerOff()),
                    t.powerSettle() == null ? d.powerSettle() : duration(at + ".powerSettle", t.powerSettle()),
                    t.bootTimeout() == null ? d.bootTimeout() : duration(at + ".bootTimeout", t.bootTimeout()));
        }

        private FirmwareProfile firmware(String at, RigFileSpec.Firmware f, Chip chip) {
            String design = require(at + ".design", f.design());
            UpdateEntry entry = enumValue(UpdateEntry.class, at + ".updateEntry", require(at + ".updateEntry", f.updateEntry()));
            String protocol = require(at + ".protocol", f.protocol());
            FirmwareImage boot = image(at + ".bootloader", require(at + ".bootloader", f.bootloader()), chip);
            FirmwareImage app = image(at + ".app", require(at + ".app", f.app()), chip);
            FirmwareImage update = image(at + ".update", require(at + ".update", f.update()), chip);
            Map<String, FirmwareImage> variants = new LinkedHashMap<>();
            if (f.variants() != null) {
                f.variants().forEach((name, manifest) -> variants.put(name, image(at + ".variants." + name,
                        require(at + ".variants." + name, manifest), chip)));
            }
            Pattern banner = f.banner() == null ? defaultAppBanner(design, chip) : regex(file, at + ".banner", f.banner());
            if (banner.matcher("").groupCount() < 2) {
                throw new RigConfigurationException(file, at + ".banner", "the application banner regex needs two groups"
                        + " (major and minor version)", "write e.g. '^brickproof D1 app v(\\d+)\\.(\\d+) '");
            }
            Pattern bootBanner = f.bootBanner() == null ? boot.banner() : regex(file, at + ".bootBanner", f.bootBanner());
            Duration pacing = f.pacing() == null ? Duration.ZERO : duration(at + ".pacing", f.pacing());
            String command = f.entryCommand() == null ? null : f.entryCommand().replace("\\r", "\r").replace("\\n", "\n");
            if ((entry == UpdateEntry.APP_COMMAND || entry == UpdateEntry.APP_DOWNLOAD) && command == null) {
                throw new RigConfigurationException(file, at + ".entryCommand", "design " + design
                        + " enters its bootloader on a command to the application, but none is given",
                        "add e.g. entryCommand: \"update\\r\\n\"");
            }
            Map<Integer, byte[]> writes = new LinkedHashMap<>();
            if (f.provisionWrites() != null) {
                f.provisionWrites().forEach((address, hex) -> {
                    String key = at + ".provisionWrites." + address;
                    int a = FirmwareManifests.address(file, key, address);
                    if (hex == null) {
                        throw missing(key);
                    }
                    try {
                        writes.put(a, java.util.HexFormat.of().parseHex(hex.replace(" ", "")));
                    } catch (IllegalArgumentException e) {
                        throw new RigConfigurationException(file, key, "'" + hex + "' is not hex bytes",
                                "write the bytes in memory order, e.g. \"0000\"");
                    }
                });
            }
            return new FirmwareProfile(design, entry, protocol, banner, bootBanner, boot, app, update, variants, pacing,
                    command, writes);
        }

        private Pattern defaultAppBanner(String design, Chip chip) {
            return Pattern.compile("^brickproof " + Pattern.quote(design) + " app v(\\d+)\\.(\\d+) \\(" + chip + "\\)$");
        }

        private FirmwareImage image(String at, String manifest, Chip chip) {
            Path path;
            try {
                path = dir.resolve(manifest).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new RigConfigurationException(file, at, "'" + manifest + "' is not a path: " + e.getReason(),
                        "give the manifest's path relative to the rig file");
            }
            if (!Files.isRegularFile(path)) {
                throw new RigConfigurationException(file, at, "firmware manifest " + path + " does not exist",
                        "build the firmware (fixtures/firmware) or correct the path (relative to the rig file)");
            }
            FirmwareImage image = loaded.computeIfAbsent(path, manifests::load);
            if (image.chip() != chip) {
                throw new RigConfigurationException(file, at, "image " + image.label() + " is built for " + image.chip()
                        + ", the board is a " + chip, "pick the image built for " + chip);
            }
            return image;
        }

        private EmulatedWiring emulated(String at, RigFileSpec.Emulated e) {
            EmulatedWiring d = EmulatedWiring.defaults();
            if (e == null) {
                return d;
            }
            char port = d.keyPort();
            int pin = d.keyPin();
            if (e.key() != null) {
                Matcher m = KEY_PIN.matcher(e.key().trim().toUpperCase(Locale.ROOT));
                if (!m.matches()) {
                    throw new RigConfigurationException(file, at + ".key", "'" + e.key() + "' is not a pin", "write e.g. PA0");
                }
                port = m.group(1).charAt(0);
                pin = Integer.parseInt(m.group(2));
            }
            boolean high = d.keyPressedHigh();
            if (e.keyPressed() != null) {
                String level = e.keyPressed().trim().toLowerCase(Locale.ROOT);
                if (!level.equals("high") && !level.equals("low")) {
                    throw new RigConfigurationException(file, at + ".keyPressed", "'" + e.keyPressed() + "' is not a level",
                            "write 'high' or 'low'");
                }
                high = level.equals("high");
            }
            return new EmulatedWiring(port, pin, high, e.seed() == null ? d.seed() : e.seed(),
                    e.idleFastForward() == null ? d.idleFastForward() : e.idleFastForward());
        }

        private Duration duration(String key, String text) {
            return DurationText.parse(text).orElseThrow(() -> new RigConfigurationException(file, key,
                    "'" + text + "' is not a duration", "write a whole number and a unit: 500us, 250ms, 5s or 2m"));
        }

        private <E extends Enum<E>> E enumValue(Class<E> type, String key, String text) {
            String norm = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(norm)) {
                    return e;
                }
            }
            List<String> allowed = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new RigConfigurationException(file, key, "'" + text + "' is not allowed", "use one of " + allowed);
        }

        private String require(String key, String value) {
            if (value == null || value.isBlank()) {
                throw missing(key);
            }
            return value;
        }

        private RigConfigurationException missing(String key) {
            return new RigConfigurationException(file, key, "missing", "add '" + key.substring(key.lastIndexOf('.') + 1)
                    + "' (see the rig-file reference in README.md)");
        }
    }
}
