package dev.brickproof.rig.testing;

import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.api.Chip;
import dev.brickproof.emulator.EmulatedBoard;
import dev.brickproof.rig.emulated.BoardClock;
import dev.brickproof.rig.emulated.LockstepLink;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.protocol.DeviceChannel;
import dev.brickproof.rig.time.Deadline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.testng.SkipException;

/**
 * A lockstep emulated board running the fixture firmware (fixtures/firmware/bin), with its wire, its virtual
 * clock and its pins as rig drivers: what a test needs to drive the reference bootloaders with the rig's
 * protocol clients. Idle fast-forward is on, as the rig runs.
 */
public class LockstepFixtureBoard extends EmulatedBoardPins implements AutoCloseable {
    public final EmulatedBoard board;
    public final BoardClock clock;
    /** The wire the clients use (the lockstep link, or what {@code wire} wrapped it in). */
    public final ByteLink link;
    public final DeviceChannel console;

    public LockstepFixtureBoard(Chip chip) {
        this(chip, UnaryOperator.identity());
    }

    /** @param wire wraps the lockstep link, e.g. to count or pace bytes */
    public LockstepFixtureBoard(Chip chip, UnaryOperator<ByteLink> wire) {
        this(EmulatedBoard.create(BoardOptions.of(chip)), chip, wire);
    }

    private LockstepFixtureBoard(EmulatedBoard board, Chip chip, UnaryOperator<ByteLink> wire) {
        this(board, new BoardClock(board), chip, wire);
    }

    private LockstepFixtureBoard(EmulatedBoard board, BoardClock clock, Chip chip, UnaryOperator<ByteLink> wire) {
        super(board, clock);
        this.board = board;
        this.clock = clock;
        this.link = wire.apply(new LockstepLink(board, clock, "lockstep:" + chip));
        this.console = new DeviceChannel(link);
    }

    /** A fixture image by file name; skips the test (with the fix) when it has not been built. */
    public static byte[] image(String name) {
        Path root = Path.of(System.getProperty("brickproof.root", "../.."));
        for (Path dir : new Path[] {root.resolve("fixtures/firmware/bin"), Path.of("fixtures/firmware/bin")}) {
            if (Files.isRegularFile(dir.resolve(name))) {
                try {
                    return Files.readAllBytes(dir.resolve(name));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new SkipException("fixture image " + name + " not found; build it with make -C fixtures/firmware");
    }

    /** Programs name/address pairs like a programmer, then powers the board. */
    public LockstepFixtureBoard boot(String... imagesAt) {
        for (int i = 0; i < imagesAt.length; i += 2) {
            board.programFlash(Integer.decode(imagesAt[i + 1]), image(imagesAt[i]));
        }
        board.setPower(true);
        return this;
    }

    /** Waits for {@code regex} and the end of its line (the firmware reads the UART only after printing). */
    public String await(String regex, long seconds) {
        return console.awaitLine(Pattern.compile(regex), deadline(seconds, regex), Duration.ofMillis(200)).group();
    }

    /** After the banner line has settled, a CR to clear the console line. */
    public void settle() {
        clock.pause(Duration.ofMillis(50));
        console.write('\r');
        clock.pause(Duration.ofMillis(20));
    }

    /** Types a console line (no settling: call {@link #settle()} first after a banner). */
    public void say(String line) {
        console.write((line + "\r").getBytes(StandardCharsets.US_ASCII));
    }

    public Deadline deadline(long seconds, String what) {
        return clock.deadlineAfter(Duration.ofSeconds(seconds), what);
    }

    @Override
    public void close() {
        super.close();
        link.close();
    }
}
