package dev.brickproof.testng.signoff;

import dev.brickproof.scenarios.signoff.Signoff;
import dev.brickproof.scenarios.signoff.SignoffWriter;
import dev.brickproof.scenarios.signoff.SignoffMerge;
import dev.brickproof.rig.RigException;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.testng.RigSession;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.testng.ISuite;
import org.testng.ISuiteListener;

/**
 * Writes the release sign-off when a suite finishes: {@code signoff.json} and {@code signoff.html} into
 * {@code -Dbrickproof.signoff} (default {@code <brickproof.root>/reports}, next to the Allure report) and the
 * HTML into the Allure results ({@code -Dallure.results.directory}). {@link dev.brickproof.testng.BrickproofSuiteListener}
 * calls it; register it alone in a suite that does not use that listener.
 *
 * <p>Runs of one build ({@code -Dbrickproof.build}, set by the suites' pom to the Maven build's start time) merge
 * into one sign-off ({@link SignoffMerge}): {@code ./mvnw verify} signs off the real-time scenarios together with
 * the lockstep rejected-image and rollback suites. Without a build id every run writes its own sign-off.
 */
public final class SignoffListener implements ISuiteListener {
    private final Path directory;
    private final Path allureResults;
    private final SignoffFacts facts;
    private final String build;

    public SignoffListener() {
        this(Path.of(System.getProperty("brickproof.signoff", "").isBlank()
                        ? Path.of(System.getProperty("brickproof.root", ".")).resolve("reports").toString()
                        : System.getProperty("brickproof.signoff")),
                Path.of(System.getProperty("allure.results.directory", "target/allure-results")),
                SignoffFacts.standard(), System.getProperty("brickproof.build", ""));
    }

    /** A listener whose sign-off stands alone (no build to merge with). */
    public SignoffListener(Path directory, Path allureResults, SignoffFacts facts) {
        this(directory, allureResults, facts, "");
    }

    /** {@code build}: runs with the same non-blank build id merge into one sign-off. */
    public SignoffListener(Path directory, Path allureResults, SignoffFacts facts, String build) {
        this.directory = directory;
        this.allureResults = allureResults;
        this.facts = facts;
        this.build = build.strip();
    }

    @Override
    public void onFinish(ISuite suite) {
        RigSession session = RigSession.of(suite);
        Optional<RigDescription> rig;
        try {
            rig = Optional.of(session.description());
        } catch (RigException e) {
            rig = Optional.empty();
        }
        SignoffCollector.Run run = new SignoffCollector.Run(rig.map(RigDescription::name).orElse("(rig file did not"
                + " load)"), session.rigFile().toString(), suite.getName(), SignoffWriter.version(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), build);
        List<TestOutcome> outcomes = SuiteOutcomes.of(suite, rig);
        SignoffWriter writer = new SignoffWriter();
        Optional<Signoff> earlier = build.isEmpty() ? Optional.empty() : writer.read(directory);
        if (outcomes.isEmpty() && earlier.filter(e -> build.equals(e.build())).isPresent()) {
            return;   // a suite of no tests (a parent of suite files) adds nothing to this build's sign-off
        }
        Signoff signoff = SignoffMerge.onto(earlier, new SignoffCollector(facts).collect(run, rig, outcomes));
        Path html = writer.write(signoff, directory);
        writer.attachToAllure(signoff, html, allureResults);
    }
}
