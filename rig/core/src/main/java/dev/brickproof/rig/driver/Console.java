package dev.brickproof.rig.driver;

import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.time.Deadline;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A board's serial console: line expectations with deadlines, sending text, and a transcript of everything
 * received (text and protocol bytes), streamed to a file as it is read.
 */
public interface Console extends AutoCloseable {

    String name();

    /**
     * Waits until a complete received line matches {@code pattern} (find, not full match), consuming every
     * line up to and including it.
     *
     * @throws dev.brickproof.rig.RigTimeoutException with the last transcript lines when the deadline passes
     */
    ConsoleMatch expect(Pattern pattern, Deadline deadline);

    /** Reads whatever has arrived, without waiting, and consumes lines up to the first match if there is one. */
    Optional<ConsoleMatch> poll(Pattern pattern);

    /** Sends text as is (add "\r\n" yourself if the firmware wants it). */
    void send(String text);

    /** Forgets received lines not yet consumed (they stay in the transcript). */
    void skipPending();

    /**
     * The raw byte stream for protocol clients. Bytes read through it are transcribed too; text already
     * buffered and not consumed by {@link #expect} is read first.
     */
    ByteLink link();

    /** Writes a line of the harness's own (e.g. {@code === interrupted at ... ===}) into the transcript. */
    void mark(String line);

    /** Where the transcript is written. */
    Path transcript();

    /** Closes the current transcript file and continues in {@code file} (one transcript per scenario). */
    void startTranscript(Path file);

    /** The last {@code n} received lines (the partial last line included), for error messages. */
    List<String> lastLines(int n);

    /** True when the transport reports its port vanished. */
    boolean isDisconnected();

    @Override
    void close();
}
