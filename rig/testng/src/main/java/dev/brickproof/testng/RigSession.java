package dev.brickproof.testng;

import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.config.RigFileLoader;
import dev.brickproof.rig.resource.RigDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.testng.ISuite;
import org.testng.ITestContext;

/**
 * The rig a suite runs against: {@code -Drig=<file>} (absolute, or relative to {@code -Dbrickproof.root}), opened
 * lazily by the first scenario that needs it and closed by {@link BrickproofSuiteListener} after the suite, so
 * every board is left in its declared safe state. One per suite, kept as a suite attribute (no static state):
 * tests reach it with {@link #of(ITestContext)}.
 */
public final class RigSession implements AutoCloseable {
    static final String ATTRIBUTE = RigSession.class.getName();

    private final Path root;
    private final Path rigFile;
    private final boolean lockstep;
    private RigDescription description;
    private Rig rig;

    private final java.util.Map<String, dev.brickproof.rig.health.HealthReport> health = new java.util.HashMap<>();

    public RigSession(Path root, Path rigFile, boolean lockstep) {
        this.root = Objects.requireNonNull(root, "root");
        this.rigFile = Objects.requireNonNull(rigFile, "rigFile");
        this.lockstep = lockstep;
    }

    /** From system properties: {@code brickproof.root}, {@code rig}, {@code brickproof.lockstep}. */
    public static RigSession fromSystemProperties() {
        return fromProperties(Map.of(
                "brickproof.root", System.getProperty("brickproof.root", "."),
                "rig", System.getProperty("rig", ""),
                "brickproof.lockstep", System.getProperty("brickproof.lockstep", "false")));
    }

    static RigSession fromProperties(Map<String, String> p) {
        Path root = Path.of(p.getOrDefault("brickproof.root", "."));
        String rig = p.getOrDefault("rig", "");
        Path file;
        if (rig.isBlank()) {
            file = root.resolve("fixtures/rigs/emulated.yaml");
        } else {
            Path path = Path.of(rig);
            file = path.isAbsolute() || Files.exists(path) ? path : root.resolve(path).normalize();
        }
        return new RigSession(root, file, Boolean.parseBoolean(p.getOrDefault("brickproof.lockstep", "false")));
    }

    /** The session of the suite {@code context} belongs to (created by {@link BrickproofSuiteListener}). */
    public static RigSession of(ITestContext context) {
        return of(context.getSuite());
    }

    public static RigSession of(ISuite suite) {
        synchronized (suite) {
            Object session = suite.getAttribute(ATTRIBUTE);
            if (session == null) {
                session = fromSystemProperties();
                suite.setAttribute(ATTRIBUTE, session);
            }
            return (RigSession) session;
        }
    }

    public Path root() {
        return root;
    }

    public Path rigFile() {
        return rigFile;
    }

    /**
     * {@code -Dbrickproof.lockstep=true}: emulated boards run in virtual time on the test thread (no pty, no
     * runner thread) — the same scenarios, deterministic and faster than real time.
     */
    public boolean lockstep() {
        return lockstep;
    }

    /** The selected rig file, loaded and validated (fails fast with a RigConfigurationException). */
    public synchronized RigDescription description() {
        if (description == null) {
            description = new RigFileLoader(root.resolve("reports/runs")).load(rigFile);
        }
        return description;
    }

    public synchronized Rig rig() {
        if (rig == null) {
            // takes a lease on every board another run could share (fails naming the holder, exit 2)
            rig = Rig.open(description(), RigOptions.defaults().withLockstep(lockstep)
                    .withLeaseWait(leaseWait()).withCommand("suites " + description().file()));
        }
        return rig;
    }

    /** Records a board's health job; a board that failed it is left out of the rest of the run. */
    public synchronized void recordHealth(dev.brickproof.rig.health.HealthReport report) {
        health.put(report.board(), report);
    }

    /** Why {@code boardId} is left out of the run (it failed its health job), or empty. */
    public synchronized java.util.Optional<String> healthProblem(String boardId) {
        dev.brickproof.rig.health.HealthReport report = health.get(boardId);
        return report == null || report.healthy() ? java.util.Optional.empty()
                : java.util.Optional.of("board " + boardId + " failed its health check (" + report.firstProblem()
                        + "); it is left out of this run: fix the rig and rerun");
    }

    public synchronized boolean isOpen() {
        return rig != null;
    }

    @Override
    public synchronized void close() {
        if (rig != null) {
            try {
                rig.close();
            } finally {
                rig = null;
            }
        }
    }

    /**
     * {@code -Dbrickproof.leaseWait=10m}: queue that long for boards leased by another run (another suite run, a
     * CLI command); default 0s, fail at once naming the holder.
     */
    static java.time.Duration leaseWait() {
        String text = System.getProperty("brickproof.leaseWait", "0s");
        return dev.brickproof.rig.config.DurationText.parse(text).orElseThrow(() ->
                new dev.brickproof.rig.RigConfigurationException("-Dbrickproof.leaseWait", "brickproof.leaseWait",
                        "'" + text + "' is not a duration", "write a number and a unit: 90s, 10m"));
    }
}
