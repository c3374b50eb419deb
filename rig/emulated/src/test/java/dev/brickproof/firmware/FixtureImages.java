package dev.brickproof.firmware;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the committed manifests say about one fixture bootloader and its apps, and nothing more: image names, load
 * addresses, banners and layout regions. Update procedures, phases and verdicts are the rig library's
 * (rig/scenarios tests use them); the protocol tests here play the wire themselves.
 */
final class FixtureImages {
    static final int FLASH = 0x0800_0000;

    final String boot;
    final Map<String, Object> manifest;
    final String chip;

    FixtureImages(String boot) {
        this.boot = boot;
        this.manifest = Fixtures.manifest(boot);
        this.chip = manifest.get("chip").toString();
    }

    /** "l431-d4ip" for "l431-d4ip-boot-ram-progress.bin". */
    String prefix() {
        return boot.substring(0, boot.indexOf("-boot"));
    }

    String app(int major) {
        return prefix() + "-app-v" + major + ".0.bin";
    }

    int appBase() {
        return Fixtures.hex(Fixtures.manifest(app(1)).get("loadAddress"));
    }

    /** The app's banner as its manifest gives it (a regular expression for one whole line). */
    Pattern appBanner(int major) {
        return Pattern.compile(Fixtures.manifest(app(major)).get("banner").toString());
    }

    /** Start of a region of the bootloader manifest's {@code layout} (end when {@code end}). */
    @SuppressWarnings("unchecked")
    int region(String name, boolean end) {
        List<String> range = ((Map<String, List<String>>) manifest.get("layout")).get(name);
        return Fixtures.hex(range.get(end ? 1 : 0));
    }

    /** A board with the bootloader and v1.0 in flash, powered, v1.0's banner seen and settled. */
    Bench bootV1() {
        Bench b = new Bench(Bench.chipOf(chip));
        b.program(FLASH, Fixtures.image(boot));
        b.program(appBase(), Fixtures.image(app(1)));
        b.powerOn();
        if (!b.awaitLine(appBanner(1), 0, Duration.ofSeconds(5))) {
            throw new AssertionError("v1.0 did not boot:\n" + b.text());
        }
        b.run(Duration.ofMillis(20));
        return b;
    }

    static boolean anyLineMatches(String text, Pattern p) {
        return Arrays.stream(text.split("\r?\n")).anyMatch(l -> p.matcher(l).find());
    }
}
