package dev.brickproof.rig.config;

import static dev.brickproof.rig.config.FirmwareManifests.chip;
import static dev.brickproof.rig.config.FirmwareManifests.regex;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.brickproof.api.Chip;
import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.BoardResource.EmulatedWiring;
import dev.brickproof.rig.resource.BoardTiming;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.FirmwareProfile;
import dev.brickproof.rig.resource.FirmwareProfile.UpdateEntry;
import dev.brickproof.rig.resource.FlashLayout;
import dev.brickproof.rig.resource.GpioLine;
import dev.brickproof.rig.resource.PowerRelay;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.rig.resource.RigDescription.GpioProvider;
import dev.brickproof.rig.resource.SerialPortResource;
import dev.brickproof.rig.update.UpdateDrivers;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a rig file (YAML) into a {@link RigDescription}, failing fast with a
 * {@link RigConfigurationException} that names the file, the key and a fix. Relative paths in the file
 * (firmware manifests, {@code runs}) are resolved against the rig file's directory.
 */
public final class RigFileLoader {
    private static final Pattern KEY_PIN = Pattern.compile("P([A-H])(\\d{1,2})");
    private static final Pattern BOARD_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private final ConfigYaml yaml = new ConfigYaml();
    private final FirmwareManifests manifests = new FirmwareManifests();
    private final Path defaultRuns;

    /** Runs directory defaults to {@code <brickproof.root>/reports/runs}. */
    public RigFileLoader() {
        this(Path.of(System.getProperty("brickproof.root", ".")).resolve("reports/runs"));
    }

    public RigFileLoader(Path defaultRuns) {
        this.defaultRuns = defaultRuns;
    }

    /**
     * Loads and validates {@code rigFile} and every firmware manifest it references. Nothing here touches a board:
     * a {@link RigConfigurationException} (exit status 3) names the file, the key and a fix.
     */
    public RigDescription load(Path rigFile) {
        String file = rigFile.toString();
        RigFileSpec spec = yaml.read(rigFile, RigFileSpec.class, "rig file",
                "pass an existing file with -Drig=<path> (default fixtures/rigs/emulated.yaml)");
        if (spec == null) {
            throw new RigConfigurationException(file, "(file)", "rig file is empty", "declare at least one board");
        }
        Path dir = rigFile.toAbsolutePath().getParent();
        return new Validation(file, dir).rig(spec, rigFile);
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
            Path runs = spec.runs() == null ? defaultRuns : runs(spec.runs());
            if (spec.boards() == null || spec.boards().isEmpty()) {
                throw new RigConfigurationException(file, "boards", "no boards declared", "declare at least one board");
            }
            List<BoardResource> boards = new ArrayList<>();
            Map<String, String> ids = new HashMap<>();
            Map<Integer, String> lines = new HashMap<>();
            Map<String, String> ports = new HashMap<>();
            for (int i = 0; i < spec.boards().size(); i++) {
                String at = "boards[" + i + "]";
                if (spec.boards().get(i) == null) {
                    throw new RigConfigurationException(file, at, "an empty list item ('- ' with nothing after it)",
                            "remove the empty '- ' line or write the board's keys under it");
                }
                BoardResource board = board(at, spec.boards().get(i), gpio);
                String first = ids.putIfAbsent(board.id(), at);
                if (first != null) {
                    throw new RigConfigurationException(file, at + ".id", "duplicate board id '" + board.id()
                            + "' (also " + first + ")", "give every board its own id");
                }
                if (!board.serial().isEmulated()) {
                    String other = ports.putIfAbsent(board.serial().port(), at);
                    if (other != null) {
                        throw new RigConfigurationException(file, at + ".serial.port", "port " + board.serial().port()
                                + " is already the console of " + other, "give each board its own adapter's by-id path");
                    }
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

        /**
         * One signal per line offset, whatever chip name is written: Pi4J 2.x (mock and gpiod providers) addresses
         * a line by its number alone, so gpiochip0:17 and gpiochip4:17 drive the same pin.
         */
        private Path runs(String runs) {
            try {
                return dir.resolve(runs.trim()).normalize();
            } catch (InvalidPathException e) {
                throw new RigConfigurationException(file, "runs", "'" + runs + "' is not a path: " + e.getReason(),
                        "write a directory relative to the rig file, e.g. ../../reports/runs");
            }
        }

        private void claim(Map<Integer, String> lines, String key, GpioLine line) {
            String where = line.chip() + ":" + line.line();
            String previous = lines.putIfAbsent(line.line(), key + " (" + where + ")");
            if (previous != null) {
                throw new RigConfigurationException(file, key, "GPIO " + where + " is already used by " + previous
                        + " (lines are told apart by number only; the chip name is a label)",
                        "wire each signal to its own line");
            }
        }

        private BoardResource board(String at, RigFileSpec.Board b, GpioProvider gpio) {
            String id = require(at + ".id", b.id());
            if (!BOARD_ID.matcher(id).matches()) {
                throw new RigConfigurationException(file, at + ".id", "'" + id + "' is not a board id (it names"
                        + " directories and by-id links)", "use letters, digits, '.', '_' and '-', e.g. f103-d1");
            }
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
            if (!RigLimits.BAUD_RATES.contains(baud)) {
                throw new RigConfigurationException(file, at + ".baud", baud + " is not a standard baud rate",
                        "use one of " + RigLimits.BAUD_RATES + " (the STM32 designs here use 115200)");
            }
            Duration reappear = s.reappearTimeout() == null ? Duration.ofSeconds(5)
                    : duration(at + ".reappearTimeout", s.reappearTimeout(), RigLimits.REAPPEAR_TIMEOUT);
            return new SerialPortResource(port, baud, reappear);
        }

        private GpioLine line(String at, RigFileSpec.Line l, boolean defaultActiveLow) {
            if (l == null) {
                throw missing(at);
            }
            if (l.line() == null) {
                throw missing(at + ".line");
            }
            if (l.line() < 0 || l.line() > RigLimits.MAX_GPIO_LINE) {
                throw new RigConfigurationException(file, at + ".line", l.line() + " is not a line offset (0.."
                        + RigLimits.MAX_GPIO_LINE + ")", "use the line offset (BCM number on a Pi; `gpioinfo` lists them)");
            }
            if (l.chip() != null && l.chip().isBlank()) {
                throw new RigConfigurationException(file, at + ".chip", "empty chip name", "write e.g. gpiochip0");
            }
            return new GpioLine(l.chip() == null ? "gpiochip0" : l.chip().trim(), l.line(),
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
                    t.resetPulse() == null ? d.resetPulse()
                            : duration(at + ".resetPulse", t.resetPulse(), RigLimits.RESET_PULSE),
                    t.resetSettle() == null ? d.resetSettle()
                            : duration(at + ".resetSettle", t.resetSettle(), RigLimits.RESET_SETTLE),
                    t.powerOff() == null ? d.powerOff() : duration(at + ".powerOff", t.powerOff(), RigLimits.POWER_OFF),
                    t.powerSettle() == null ? d.powerSettle()
                            : duration(at + ".powerSettle", t.powerSettle(), RigLimits.POWER_SETTLE),
                    t.bootTimeout() == null ? d.bootTimeout()
                            : duration(at + ".bootTimeout", t.bootTimeout(), RigLimits.BOOT_TIMEOUT));
        }

        private FirmwareProfile firmware(String at, RigFileSpec.Firmware f, Chip chip) {
            String design = require(at + ".design", f.design()).trim();
            UpdateEntry entry = enumValue(UpdateEntry.class, at + ".updateEntry", require(at + ".updateEntry", f.updateEntry()));
            String protocol = require(at + ".protocol", f.protocol()).trim();
            if (!UpdateDrivers.supports(protocol)) {
                throw new RigConfigurationException(file, at + ".protocol", "no update driver is named '" + protocol + "'",
                        "use one of " + UpdateDrivers.names());
            }
            FirmwareImage boot = image(at + ".bootloader", require(at + ".bootloader", f.bootloader()), chip);
            FirmwareImage app = image(at + ".app", require(at + ".app", f.app()), chip);
            FirmwareImage update = image(at + ".update", require(at + ".update", f.update()), chip);
            Map<String, FirmwareImage> variants = new LinkedHashMap<>();
            if (f.variants() != null) {
                f.variants().forEach((name, manifest) -> {
                    String key = at + ".variants." + name;
                    if (manifest == null || manifest.isBlank()) {
                        throw new RigConfigurationException(file, key, "no manifest given",
                                "write the variant's manifest path (relative to the rig file) or remove the line");
                    }
                    variants.put(name, image(key, manifest, chip));
                });
            }
            BoardFirmwareCheck check = new BoardFirmwareCheck(file, at, chip);
            List<FirmwareImage> referenced = new ArrayList<>(List.of(boot, app, update));
            referenced.addAll(variants.values());
            check.design(design, boot, referenced);
            FlashLayout layout = check.bootloader(at + ".bootloader", boot, design);
            check.application(at + ".app", app, design, layout);
            check.application(at + ".update", update, design, layout);
            check.update(app, update);
            variants.forEach((name, image) -> check.variant(at + ".variants." + name, image, design, layout));
            Pattern banner = f.banner() == null ? defaultAppBanner(design, chip) : regex(file, at + ".banner", f.banner());
            if (banner.matcher("").groupCount() < 2) {
                throw new RigConfigurationException(file, at + ".banner", "the application banner regex needs two groups"
                        + " (major and minor version)", "write e.g. '^brickproof D1 app v(\\d+)\\.(\\d+) '");
            }
            Pattern bootBanner = f.bootBanner() == null ? boot.banner() : regex(file, at + ".bootBanner", f.bootBanner());
            Duration pacing = f.pacing() == null ? Duration.ZERO : duration(at + ".pacing", f.pacing(), RigLimits.PACING);
            String command = f.entryCommand() == null ? null : f.entryCommand().replace("\\r", "\r").replace("\\n", "\n");
            if ((entry == UpdateEntry.APP_COMMAND || entry == UpdateEntry.APP_DOWNLOAD) && (command == null || command.isBlank())) {
                throw new RigConfigurationException(file, at + ".entryCommand", "design " + design
                        + " enters its bootloader on a command to the application, but none is given",
                        "add e.g. entryCommand: \"update\\r\\n\"");
            }
            Map<Integer, byte[]> writes = new LinkedHashMap<>();
            if (f.provisionWrites() != null) {
                f.provisionWrites().forEach((address, hex) -> {
                    String key = at + ".provisionWrites." + address;
                    int a = FirmwareManifests.address(file, key, address);
                    if (hex == null || hex.isBlank()) {
                        throw new RigConfigurationException(file, key, "no bytes given",
                                "write the bytes in memory order, e.g. \"0000\", or remove the line");
                    }
                    byte[] bytes;
                    try {
                        bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
                    } catch (IllegalArgumentException e) {
                        throw new RigConfigurationException(file, key, "'" + hex + "' is not hex bytes",
                                "write the bytes in memory order, e.g. \"0000\"");
                    }
                    check.provisionWrite(key, a, bytes, boot, app);
                    writes.put(a, bytes);
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
                path = dir.resolve(manifest.trim()).normalize();
            } catch (InvalidPathException e) {
                throw new RigConfigurationException(file, at, "'" + manifest + "' is not a path: " + e.getReason(),
                        "write the manifest's path relative to the rig file");
            }
            if (!Files.isRegularFile(path)) {
                throw new RigConfigurationException(file, at, "firmware manifest " + path + " does not exist",
                        "build the firmware (fixtures/firmware) or correct the path (relative to the rig file)");
            }
            FirmwareImage image = loaded.computeIfAbsent(path, manifests::load);
            if (image.chip() != chip) {
                throw new RigConfigurationException(file, at, path.getFileName() + " (" + image.label() + ") is built for "
                        + image.chip() + ", the board is a " + chip, "reference the image built for " + chip);
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
                if (pin > 15) {
                    throw new RigConfigurationException(file, at + ".key", "'" + e.key() + "': GPIO ports have pins 0..15",
                            "write e.g. PA0");
                }
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
            java.util.Set<BoardResource.RigFault> faults = java.util.EnumSet.noneOf(BoardResource.RigFault.class);
            for (String name : e.faults() == null ? java.util.List.<String>of() : e.faults()) {
                faults.add(BoardResource.RigFault.ofKey(name == null ? "" : name.trim()).orElseThrow(() ->
                        new RigConfigurationException(file, at + ".faults", "'" + name + "' is not a rig fault",
                                "use one of " + java.util.Arrays.stream(BoardResource.RigFault.values())
                                        .map(BoardResource.RigFault::key).toList())));
            }
            return new EmulatedWiring(port, pin, high, e.seed() == null ? d.seed() : e.seed(),
                    e.idleFastForward() == null ? d.idleFastForward() : e.idleFastForward(), faults);
        }

        private Duration duration(String key, String text, RigLimits.Range range) {
            Duration d = DurationText.parse(text).orElseThrow(() -> new RigConfigurationException(file, key,
                    "'" + text + "' is not a duration", "write a whole number and a unit: 500us, 250ms, 5s or 2m"));
            range.check(d).ifPresent(problem -> {
                throw new RigConfigurationException(file, key, "'" + text + "' " + problem, range.fix());
            });
            return d;
        }

        private <E extends Enum<E>> E enumValue(Class<E> type, String key, String text) {
            if (text == null || text.isBlank()) {
                throw new RigConfigurationException(file, key, "no value given", "use one of " + allowed(type));
            }
            String norm = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(norm)) {
                    return e;
                }
            }
            throw new RigConfigurationException(file, key, "'" + text + "' is not allowed", "use one of " + allowed(type));
        }

        private <E extends Enum<E>> List<String> allowed(Class<E> type) {
            List<String> allowed = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            return allowed;
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
