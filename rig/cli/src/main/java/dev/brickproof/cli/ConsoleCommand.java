package dev.brickproof.cli;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.ExitStatus;
import dev.brickproof.rig.link.ByteLink;
import dev.brickproof.rig.time.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code brickproof console}: the board's serial console, passed through to this terminal (as labgrid-client
 * console / microcom), with everything received kept in the run's transcript. Ctrl-] ends it. For scripts,
 * {@code --send TEXT} types text (\r and \n escapes understood) and {@code --for DURATION} ends after that long.
 */
@Command(name = "console", description = "Pass the board's serial console through to this terminal (exit: Ctrl-])."
        + " Everything received goes to the transcript too. For scripts: --send and --for.")
final class ConsoleCommand extends Brickproof.BoardCommand {
    static final int EXIT_KEY = 0x1D;   // Ctrl-]

    @Option(names = "--send", paramLabel = "<text>", description = "type this first (\\r, \\n escapes)")
    String send;

    @Option(names = "--for", paramLabel = "<duration>", converter = Brickproof.DurationConverter.class,
            description = "end after this long, e.g. 3s (default: until Ctrl-] or the end of standard input)")
    Duration duration;

    @Option(names = "--power-on", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "power the board first if it is off (default: yes)")
    boolean powerOn;

    @Override
    CommandResult run(Board board, TransferDisplay display) {
        if (powerOn && !board.power().isOn()) {
            board.power().on();
        }
        ByteLink link = board.console().link();
        LinkedBlockingQueue<Integer> typed = new LinkedBlockingQueue<>();
        boolean interactive = duration == null;
        if (interactive) {
            root.err.println("brickproof: console of " + board.id() + " (" + link.name() + "); Ctrl-] ends it");
            startReader(System.in, typed);
        }
        if (send != null) {
            link.write(send.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.UTF_8));
        }
        Deadline until = duration == null ? null : board.clock().deadlineAfter(duration, "the console session");
        StringBuilder received = new StringBuilder();
        PrintStream out = System.out;
        byte[] buffer = new byte[256];
        while (until == null || !until.expired()) {
            Integer key = typed.poll();
            if (key != null) {
                if (key < 0 || key == EXIT_KEY) {
                    break;
                }
                link.write(key);
                continue;
            }
            int n = link.read(buffer, 0, buffer.length, Duration.ofMillis(50));
            if (n > 0) {
                String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                received.append(text);
                if (!root.json) {
                    out.print(text);
                    out.flush();
                }
            }
        }
        return CommandResult.of("console").field("board", board.id()).field("received", received.toString())
                .field("transcript", board.console().transcript().toString())
                .line("").line("console closed; transcript: " + board.console().transcript())
                .build(ExitStatus.PROMISE_KEPT);
    }

    /** Reads keys on a daemon thread; -1 marks the end of input. */
    private static void startReader(InputStream in, LinkedBlockingQueue<Integer> typed) {
        Thread reader = new Thread(() -> {
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    typed.add(b);
                }
            } catch (IOException e) {
                // the terminal went away: end the session like end of input
            }
            typed.add(-1);
        }, "brickproof-console-keys");
        reader.setDaemon(true);
        reader.start();
    }
}
