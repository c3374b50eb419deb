package dev.brickproof.testng;

import io.qameta.allure.Allure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Console transcripts as Allure attachments, control bytes shown as {@code <xx>}. */
public final class Transcripts {
    private Transcripts() { }

    public static void attach(String name, Path transcript) {
        try {
            if (Files.exists(transcript)) {
                Allure.addAttachment(name, "text/plain", printable(Files.readAllBytes(transcript)), ".log");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Control and non-ASCII bytes shown as {@code <xx>}, so that protocol traffic stays readable. */
    public static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7F)) {
                sb.append((char) c);
            } else if (c != '\r') {
                sb.append('<').append(HexFormat.of().toHexDigits((byte) c)).append('>');
            }
        }
        return sb.toString();
    }
}
