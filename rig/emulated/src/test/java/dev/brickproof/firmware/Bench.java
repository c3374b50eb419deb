package dev.brickproof.firmware;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import dev.brickproof.api.FlashOperation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One emulated board driven in lockstep for the firmware tests: the console output as bytes and text,
 * waits that give up early once an armed power cut has fired, and every completed flash operation
 * tagged with who was running (bootloader or app, from the last banner printed).
 */
final class Bench {
    /** A completed flash operation and the image that was running when it completed. */
    record Op(long index, FlashOperation.Kind kind, int address, boolean byApp) { }

    final EmulatedBoard board;
    final Chip chip;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Op> ops = new ArrayList<>();
    private boolean appRunning;
    private int scanned;
    private boolean cut;

    Bench(Chip chip) {
        this.chip = chip;
        this.board = EmulatedBoard.create(BoardOptions.of(chip));
        board.usart1().onTransmit(b -> {
            synchronized (out) {
                out.write(b);
            }
            if (b == '\n') {
                String t = text();
                String line = t.substring(scanned);
                scanned = t.length();
                if (line.contains(" boot v")) {
                    appRunning = false;
                } else if (line.contains(" app v")) {
                    appRunning = true;
                }
            }
        });
        board.onFlashOperation(op -> {
            if (op.outcome() == FlashOperation.Outcome.COMPLETED) {
                ops.add(new Op(op.index(), op.kind(), op.address(), appRunning));
            }
        });
    }

    static Chip chipOf(String name) {
        return Chip.valueOf(name);
    }

    void program(int address, byte[] data) {
        board.programFlash(address, data);
    }

    void powerOn() {
        board.setPower(true);
    }

    /** Power off and on, as a step of an update; does nothing once an armed cut has fired. */
    void powerCycle() {
        if (cutFired()) {
            return;
        }
        board.setPower(false);
        appRunning = false;
        board.setPower(true);
    }

    /** Power back on after a cut (or any time): the board boots with nothing attached. */
    void restorePower() {
        board.setPower(false);
        appRunning = false;
        board.setInput('A', 0, false);
        board.setPower(true);
    }

    /** True once the armed power cut has fired (latched: stays true after power returns). */
    boolean cutFired() {
        if (board.powerCutFired()) {
            cut = true;
        }
        return cut;
    }

    byte[] bytes() {
        synchronized (out) {
            return out.toByteArray();
        }
    }

    int size() {
        synchronized (out) {
            return out.size();
        }
    }

    String text() {
        return new String(bytes(), StandardCharsets.ISO_8859_1);
    }

    String textSince(int mark) {
        return text().substring(Math.min(mark, size()));
    }

    List<Op> ops() {
        return List.copyOf(ops);
    }

    void clearOps() {
        ops.clear();
    }

    void send(byte[] data) {
        board.usart1().send(data);
    }

    void send(String s) {
        send(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Runs until cond holds, the armed cut has fired, or the virtual timeout passes; true if cond held. */
    boolean until(BooleanSupplier cond, Duration timeout) {
        if (cutFired()) {
            return cond.getAsBoolean();
        }
        board.runUntil(() -> cond.getAsBoolean() || cutFired(), timeout);
        return cond.getAsBoolean();
    }

    boolean awaitText(String s, int from, Duration timeout) {
        return until(() -> textSince(from).contains(s), timeout);
    }

    /** Like {@link #awaitText}, for a line matching {@code line} (a manifest's banner, say). */
    boolean awaitLine(java.util.regex.Pattern line, int from, Duration timeout) {
        return until(() -> FixtureImages.anyLineMatches(textSince(from), line), timeout);
    }

    void run(Duration d) {
        if (!cutFired()) {
            board.runFor(d);
        }
    }

    /** Host reading the console byte by byte (protocol replies mixed with text). */
    final class Reader {
        private int pos = size();

        int next(Duration timeout) {
            if (!until(() -> size() > pos, timeout)) {
                return -1;
            }
            return bytes()[pos++] & 0xFF;
        }

        /** Skips bytes until one of {@code wanted} arrives; -1 on timeout. */
        int expect(Duration timeout, int... wanted) {
            while (true) {
                int c = next(timeout);
                if (c < 0 || Arrays.stream(wanted).anyMatch(w -> w == c)) {
                    return c;
                }
            }
        }
    }

    Reader reader() {
        return new Reader();
    }

    byte[] read(int address, int length) {
        return board.readMemory(address, length);
    }
}
