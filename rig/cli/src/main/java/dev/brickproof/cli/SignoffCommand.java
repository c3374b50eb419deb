package dev.brickproof.cli;

import dev.brickproof.rig.ExitStatus;
import dev.brickproof.scenarios.signoff.Signoff;
import dev.brickproof.scenarios.signoff.SignoffMerge;
import dev.brickproof.scenarios.signoff.SignoffWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/** {@code brickproof signoff merge}: one release sign-off from several runs (CI shards, rig hosts). */
@Command(name = "signoff", description = "Release sign-offs (reports/signoff.json and signoff.html).",
        subcommands = {SignoffCommand.Merge.class})
final class SignoffCommand extends CommandGroup {

    @Command(name = "merge", description = {"Merge the sign-offs of several runs into one: counts added, boards and"
            + " bootloaders joined, the one line decided again.",
        "Exit status: 0 promises kept, 1 broken (a product defect), 2 not proven (rig faults, skipped tests),"
            + " 3 an input is missing or is no sign-off."})
    static final class Merge implements Callable<Integer> {
        @ParentCommand
        SignoffCommand signoff;

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "where the merged signoff.json and signoff.html go (e.g. reports/)")
        Path out;

        @Option(names = "--allure-results", paramLabel = "DIR",
                description = "Allure results to attach the merged sign-off to, replacing the runs' own")
        Optional<Path> allureResults = Optional.empty();

        @Parameters(arity = "1..*", paramLabel = "INPUT", description = "signoff.json files, directories holding one"
                + " (reports/), or allure-results directories of runs (their *.signoff.json copies)")
        List<Path> inputs = new ArrayList<>();

        @Override
        public Integer call() {
            Brickproof root = signoff.root;
            SignoffWriter writer = new SignoffWriter();
            List<Signoff> all = writer.readAll(inputs);
            Signoff merged = SignoffMerge.all(all);
            Path html = writer.write(merged, out);
            allureResults.ifPresent(results -> {
                writer.detachAllFromAllure(results);
                writer.attachToAllure(merged, html, results);
            });
            ExitStatus status = merged.status();
            CommandResult result = CommandResult.of("signoff merge")
                    .line(merged.promises())
                    .line("merged " + all.size() + " sign-offs (" + merged.suite() + ") into " + out.resolve("signoff.html"))
                    .field("signoffs", all.size())
                    .field("promises", merged.promises())
                    .field("totals", Map.of("tests", merged.totals().tests(), "passed", merged.totals().passed(),
                            "failed", merged.totals().failed(), "broken", merged.totals().broken(),
                            "skipped", merged.totals().skipped()))
                    .field("html", out.resolve("signoff.html").toString())
                    .build(status);
            root.print(result);
            return status.code();
        }
    }
}
