package dev.brickproof.rig.update;

import dev.brickproof.rig.RigConfigurationException;
import dev.brickproof.rig.resource.FirmwareImage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The placeholders a text-command loader's script can use: {@code ${size}} (bytes, decimal), {@code ${crc32}}
 * (IEEE CRC-32, 8 lower-case hex digits), {@code ${crc32dec}} (the same, decimal), {@code ${md5}} (32 lower-case
 * hex digits), {@code ${version}} (the manifest's version) and {@code ${name}} (the image's file name).
 */
record ImageFacts(Map<String, String> values) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9]+)}");

    static ImageFacts of(FirmwareImage image, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        String md5;
        try {
            md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
        return new ImageFacts(Map.of("size", Integer.toString(data.length),
                "crc32", String.format("%08x", crc.getValue()), "crc32dec", Long.toString(crc.getValue()),
                "md5", md5, "version", image.version(), "name", image.file().getFileName().toString()));
    }

    /** The names a script may use, for error messages. */
    static String known() {
        return "${size}, ${crc32}, ${crc32dec}, ${md5}, ${version}, ${name}";
    }

    /** Checks that {@code text} uses only known placeholders; {@code key} names where it was written. */
    static void check(String text, String source, String key) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!known().contains("${" + m.group(1) + "}")) {
                throw new RigConfigurationException(source, key, "unknown placeholder ${" + m.group(1) + "}",
                        "use one of " + known());
            }
        }
    }

    String fill(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
