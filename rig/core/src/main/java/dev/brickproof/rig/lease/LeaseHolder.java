package dev.brickproof.rig.lease;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * Who holds (or last held) a board's lease: written into the lease file so that a second run can name the
 * holder.
 *
 * @param board    board id from the rig file
 * @param resource what the lease guards (the board's serial port path)
 * @param user     operating-system user of the holder
 * @param host     host name of the holder
 * @param pid      process id of the holder
 * @param since    when the lease was taken
 * @param command  the holder's command line (or what it was doing)
 */
public record LeaseHolder(String board, String resource, String user, String host, long pid, Instant since,
                          String command) {

    /** This process as a holder of {@code board}'s lease. */
    public static LeaseHolder thisProcess(String board, String resource, String command, Instant now) {
        return new LeaseHolder(board, resource, System.getProperty("user.name", "?"), hostName(),
                ProcessHandle.current().pid(), now, command);
    }

    /** The command line of this process, as the OS reports it (or the Java command when it cannot). */
    public static String thisCommand() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        return info.commandLine().orElseGet(() -> info.command().orElse("java"));
    }

    /** One line for messages: {@code user@host pid 1234 since <time> running '<command>'}. */
    public String describe() {
        return user + "@" + host + " pid " + pid + " since " + since + " running '" + command + "'";
    }

    String toText() {
        Properties p = new Properties();
        p.setProperty("board", board);
        p.setProperty("resource", resource);
        p.setProperty("user", user);
        p.setProperty("host", host);
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("since", since.toString());
        p.setProperty("command", command);
        StringWriter out = new StringWriter();
        try {
            p.store(out, "brickproof board lease");
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter cannot fail", e);
        }
        return out.toString();
    }

    /** Parses a lease file's text; empty when the file is empty (released) or not a lease. */
    static Optional<LeaseHolder> parse(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
            return Optional.of(new LeaseHolder(p.getProperty("board", "?"), p.getProperty("resource", "?"),
                    p.getProperty("user", "?"), p.getProperty("host", "?"),
                    Long.parseLong(p.getProperty("pid", "-1")), Instant.parse(p.getProperty("since", Instant.EPOCH.toString())),
                    p.getProperty("command", "?")));
        } catch (IOException | NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
