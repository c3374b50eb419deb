package dev.brickproof.testng.signoff;

import dev.brickproof.rig.RigException;
import dev.brickproof.rig.resource.RigDescription;
import dev.brickproof.testng.RigSession;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.testng.ISuite;
import org.testng.ISuiteListener;

/**
 * Writes the release sign-off when a suite finishes: {@code signoff.json} and {@code signoff.html} into
 * {@code -Dbrickproof.signoff} (default {@code <brickproof.root>/reports}, next to the Allure report) and the
 * HTML into the Allure results ({@code -Dallure.results.directory}). {@link dev.brickproof.testng.BrickproofSuiteListener}
 * calls it; register it alone in a suite that does not use that listener.
 */
public final class SignoffListener implements ISuiteListener {
    private final Path directory;
    private final Path allureResults;
    private final SignoffFacts facts;

    public SignoffListener() {
        this(Path.of(System.getProperty("brickproof.signoff", "").isBlank()
                        ? Path.of(System.getProperty("brickproof.root", ".")).resolve("reports").toString()
                        : System.getProperty("brickproof.signoff")),
                Path.of(System.getProperty("allure.results.directory", "target/allure-results")),
                SignoffFacts.standard());
    }

    public SignoffListener(Path directory, Path allureResults, SignoffFacts facts) {
        this.directory = directory;
        this.allureResults = allureResults;
        this.facts = facts;
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
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Signoff signoff = new SignoffCollector(facts).collect(run, rig, SuiteOutcomes.of(suite, rig));
        SignoffWriter writer = new SignoffWriter();
        Path html = writer.write(signoff, directory);
        writer.attachToAllure(html, allureResults);
    }
}
