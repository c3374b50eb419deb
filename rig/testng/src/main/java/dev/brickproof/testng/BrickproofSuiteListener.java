package dev.brickproof.testng;

import dev.brickproof.rig.RigException;
import dev.brickproof.rig.resource.BoardResource;
import dev.brickproof.rig.resource.FirmwareImage;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.testng.signoff.SignoffListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testng.ISuite;
import org.testng.ISuiteListener;

/**
 * Writes Allure's {@code environment.properties} (rig file, boards, firmware SHA-256s) and
 * {@code categories.json} (product defects vs rig faults) into the results directory, writes the release sign-off
 * ({@link SignoffListener}) when the suite finishes, and closes the rig
 * after the suite so every board is left in its safe state. Register it in the suite XML; it creates the
 * suite's {@link RigSession} (a suite attribute) from {@code -Drig}, {@code -Dbrickproof.root} and
 * {@code -Dbrickproof.lockstep}.
 */
public final class BrickproofSuiteListener implements ISuiteListener {

    @Override
    public void onStart(ISuite suite) {
        Path results = Path.of(System.getProperty("allure.results.directory", "target/allure-results"));
        try {
            RigSession.of(suite);
            Files.createDirectories(results);
            Files.writeString(results.resolve("categories.json"), CATEGORIES);
            Files.writeString(results.resolve("environment.properties"), environment(suite));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onFinish(ISuite suite) {
        try {
            new SignoffListener().onFinish(suite);
        } finally {
            RigSession.of(suite).close();
        }
    }

    private static String environment(ISuite suite) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("suite", suite.getName());
        RigSession session = RigSession.of(suite);
        env.put("rig.file", session.rigFile().toString());
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        try {
            RigDescription rig = session.description();
            env.put("rig.name", rig.name());
            env.put("rig.gpio", rig.gpio().name().toLowerCase());
            for (BoardResource b : rig.boards()) {
                env.put("board." + b.id(), b.chip() + " on " + b.serial().port()
                        + b.firmwareProfile().map(f -> ", " + f.design() + " over " + f.protocol()).orElse(""));
                b.firmwareProfile().ifPresent(f -> {
                    put(env, f.bootloader());
                    put(env, f.app());
                    put(env, f.update());
                    f.variants().values().forEach(v -> put(env, v));
                });
            }
        } catch (RigException e) {
            env.put("rig.error", e.getMessage());
        }
        StringBuilder sb = new StringBuilder();
        env.forEach((k, v) -> sb.append(k.replace(' ', '_')).append('=').append(v.replace("\\", "\\\\")
                .replace("\n", " ")).append('\n'));
        return sb.toString();
    }

    private static void put(Map<String, String> env, FirmwareImage image) {
        env.put("firmware." + image.file().getFileName(), image.sha256());
    }

    /** Allure categories: matched on the message prefixes the scenarios use. */
    public static final String CATEGORIES = """
            [
              {
                "name": "Product defect: board bricked",
                "description": "No application banner before the deadline (erased vectors, half-written image, stuck bootloader) or the core locked up: nothing runs. The firmware under test failed.",
                "matchedStatuses": ["failed"],
                "messageRegex": "(?s).*PRODUCT DEFECT.*BRICKED.*"
              },
              {
                "name": "Product defect: image corrupted",
                "description": "Something booted (a banner appeared) but it is not exactly an image written.",
                "matchedStatuses": ["failed"],
                "messageRegex": "(?s).*PRODUCT DEFECT.*CORRUPTED.*"
              },
              {
                "name": "Product defect: wrong version",
                "description": "The board booted, but not the version the design promises.",
                "matchedStatuses": ["failed"],
                "messageRegex": "(?s).*PRODUCT DEFECT.*"
              },
              {
                "name": "Rig fault",
                "description": "The rig failed (serial port vanished, GPIO error, rig timeout, bad rig file, a board that failed its health check and was left out). Says nothing about the firmware: fix the rig and rerun.",
                "matchedStatuses": ["broken", "failed", "skipped"],
                "messageRegex": "(?s).*(RIG FAULT|RIG_FAULT|LinkException|GpioException|RigConfigurationException|serial port|GPIO).*"
              },
              {
                "name": "Harness defect",
                "description": "Any other error: a bug in Brickproof itself.",
                "matchedStatuses": ["broken"]
              }
            ]
            """;
}
