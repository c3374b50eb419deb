package dev.brickproof.rig.protocol;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testng.SkipException;

/** A real peer program (lrzsz, stm32flash) talking on a pty slave through its stdin/stdout or a path. */
public final class PeerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private PeerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Skips the test (never passes it) when {@code binary} is missing. */
    public static void require(String binary, String aptPackage) {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return;
            }
        }
        throw new SkipException(binary + " is not installed; install it with: sudo apt-get install -y " + aptPackage);
    }

    /** Runs {@code command} in {@code dir} with stdin and stdout on {@code tty}. */
    public static PeerProcess onStdio(List<String> command, Path dir, Path tty) throws IOException {
        Path log = Files.createTempFile(dir, "peer", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(tty.toFile()).redirectOutput(tty.toFile()).redirectError(log.toFile());
        return new PeerProcess(pb.start(), log);
    }

    /** Runs {@code command} in {@code dir}; output and errors go to a log. */
    public static PeerProcess start(List<String> command, Path dir) throws IOException {
        Path log = Files.createTempFile(dir, "peer", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(new File("/dev/null")).redirectErrorStream(true).redirectOutput(log.toFile());
        return new PeerProcess(pb.start(), log);
    }

    /** Waits for the exit code; kills the process and fails if it runs longer than {@code timeout}. */
    public int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("peer did not finish within " + timeout.toMillis() + " ms; log:\n" + log());
        }
        return process.exitValue();
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
