package dev.brickproof.rig.protocol.bench;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.emulator.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import dev.brickproof.emulator.FlashOperation;
import dev.brickproof.rig.emulated.BoardClock;
import dev.brickproof.rig.emulated.LockstepLink;
import dev.brickproof.rig.testing.EmulatedBoardPins;
import dev.brickproof.rig.protocol.DeviceChannel;
import dev.brickproof.rig.time.Deadline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.testng.SkipException;

/**
 * An emulated board in lockstep virtual time (as in FirmwarePeerTest), whose wire counts the bytes each way and
 * whose flash controller's operations are logged, so an upgrade can be compared with its physical floor.
 */
final class BenchBoard extends EmulatedBoardPins implements AutoCloseable {
    final EmulatedBoard board;
    final BoardClock clock;
    final CountingLink link;
    final DeviceChannel console;
    private final List<FlashOperation> flashOps = new ArrayList<>();

    BenchBoard(Chip chip) {
        this(EmulatedBoard.create(BoardOptions.of(chip)), chip);   // idle fast-forward on, as the rig runs
    }

    private BenchBoard(EmulatedBoard board, Chip chip) {
        this(board, new BoardClock(board), chip);
    }

    private BenchBoard(EmulatedBoard board, BoardClock clock, Chip chip) {
        super(board, clock);
        this.board = board;
        this.clock = clock;
        link = new CountingLink(new LockstepLink(board, clock, "lockstep:" + chip));
        console = new DeviceChannel(link);
        board.onFlashOperation(flashOps::add);
    }

    static byte[] image(String name) {
        Path root = Path.of(System.getProperty("brickproof.root", "../.."));
        Path file = root.resolve("fixtures/firmware/bin").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new SkipException("fixture image " + file + " not found; build it with make -C fixtures/firmware");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Programs name/address pairs like a programmer, then powers the board. */
    BenchBoard boot(String... imagesAt) {
        for (int i = 0; i < imagesAt.length; i += 2) {
            board.programFlash(Integer.decode(imagesAt[i + 1]), image(imagesAt[i]));
        }
        board.setPower(true);
        return this;
    }

    /** Waits for {@code regex} and the end of its line (the firmware reads the UART only after printing). */
    String await(String regex, long seconds) {
        return console.awaitLine(Pattern.compile(regex), deadline(seconds, regex), Duration.ofMillis(200)).group();
    }

    /** After the banner line has settled, a CR to clear the console line (not part of any measurement). */
    void settle() {
        clock.pause(Duration.ofMillis(50));
        console.write('\r');
        clock.pause(Duration.ofMillis(20));
    }

    void say(String line) {
        console.write((line + "\r").getBytes(StandardCharsets.US_ASCII));
    }

    Deadline deadline(long seconds, String what) {
        return clock.deadlineAfter(Duration.ofSeconds(seconds), what);
    }

    /** Starts measuring: time, bytes each way and flash operations from now on. */
    Window window() {
        return new Window(clock.now(), link.written(), link.read(), flashOps.size());
    }

    /** What happened on the board since {@link #window()}. */
    final class Window {
        private final Duration start;
        private final long written;
        private final long read;
        private final int firstOp;

        private Window(Duration start, long written, long read, int firstOp) {
            this.start = start;
            this.written = written;
            this.read = read;
            this.firstOp = firstOp;
        }

        Duration elapsed() {
            return clock.now().minus(start);
        }

        long hostBytes() {
            return link.written() - written;
        }

        long deviceBytes() {
            return link.read() - read;
        }

        List<FlashOperation> flashOps() {
            return List.copyOf(flashOps.subList(firstOp, flashOps.size()));
        }
    }

    @Override
    public void close() {
        super.close();
        link.close();
    }
}
