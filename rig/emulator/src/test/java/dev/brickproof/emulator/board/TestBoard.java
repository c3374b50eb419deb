package dev.brickproof.emulator.board;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An emulated board running the SoC test firmware (src/test/firmware/soc), with a console transcript. */
final class TestBoard {
    final EmulatedBoard board;
    private final StringBuffer console = new StringBuffer();
    private int consumed;

    TestBoard(Chip chip) {
        this(BoardOptions.of(chip));
    }

    TestBoard(BoardOptions options) {
        this.board = EmulatedBoard.create(options);
        board.programFlash(0x0800_0000, firmware("soctest", options.chip()));
        board.usart1().onTransmit(b -> console.append((char) b));
    }

    static String suffix(Chip chip) {
        return chip == Chip.STM32F103C8 ? "f103" : "l431";
    }

    static byte[] firmware(String name, Chip chip) {
        String path = "/soc/" + name + "-" + suffix(chip) + ".bin";
        try (InputStream in = TestBoard.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test firmware " + path + " (make -C src/test/firmware/soc)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestBoard powerOn() {
        board.setPower(true);
        return this;
    }

    void send(String s) {
        board.usart1().send(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    String console() {
        return console.toString();
    }

    /** Runs until a line (after what earlier awaits consumed) matches; returns its match, or fails. */
    Matcher await(String regex, Duration timeout) {
        Pattern p = Pattern.compile(regex);
        Matcher[] found = new Matcher[1];
        boolean ok = board.runUntil(() -> {
            Matcher m = p.matcher(console.substring(consumed));
            if (m.find()) {
                found[0] = m;
                return true;
            }
            return false;
        }, timeout);
        if (!ok) {
            throw new AssertionError("no /" + regex + "/ within " + timeout + " of virtual time; console after the last"
                    + " match: [" + console.substring(consumed) + "], status " + board.status() + ", events "
                    + board.report().events());
        }
        consumed += found[0].end();
        return found[0];
    }

    Matcher await(String regex) {
        return await(regex, Duration.ofSeconds(2));
    }

    /** Boots and returns RCC_CSR from the banner. */
    int banner() {
        return (int) Long.parseLong(await("soctest \\S+ csr=([0-9A-F]{8})\r\n").group(1), 16);
    }
}
