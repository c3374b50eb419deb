package dev.brickproof.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Brickproof main class in a child JVM on this test's class path, its stdout and stderr collected line by
 * line. Started through {@code env --default-signal=INT}: a process started in the background by a
 * non-interactive shell inherits SIGINT as ignored, and a JVM that starts with SIGINT ignored never handles it.
 */
final class ChildCli implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("brickproof.root", "../..")).toAbsolutePath().normalize();
    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();

    private ChildCli(Process process) {
        this.process = process;
        collect(process.getInputStream(), out, "stdout");
        collect(process.getErrorStream(), err, "stderr");
    }

    static ChildCli start(Path workingDir, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), mainClass));
        command.addAll(List.of(args));
        return new ChildCli(new ProcessBuilder(command).directory(workingDir.toFile()).start());
    }

    private static void collect(java.io.InputStream stream, List<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child ended
            }
        }, "child-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** Waits up to {@code limit} for a stderr line matching {@code wanted}; fails naming what was seen. */
    String awaitErrLine(Predicate<String> wanted, Duration limit, String what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            for (String line : err) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no stderr line " + what + " within " + limit + "; alive=" + process.isAlive()
                + "\nstdout:\n" + String.join("\n", out) + "\nstderr:\n" + String.join("\n", err));
    }

    /** Sends a real SIGINT, as Ctrl-C in a terminal does. */
    void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -INT " + process.pid() + " failed");
        }
    }

    /** The exit code, waiting up to {@code limit}. */
    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child did not end within " + limit + "\nstderr:\n" + String.join("\n", err));
        }
        return process.exitValue();
    }

    String out() {
        return String.join("\n", out);
    }

    String err() {
        return String.join("\n", err);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
