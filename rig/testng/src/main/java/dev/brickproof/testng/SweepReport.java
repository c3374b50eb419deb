package dev.brickproof.testng;

import dev.brickproof.scenarios.CutReplay;
import dev.brickproof.scenarios.Finding;
import dev.brickproof.scenarios.ScenarioRecord;
import dev.brickproof.scenarios.SweepJson;
import dev.brickproof.scenarios.SweepResult;
import dev.brickproof.scenarios.SweepStrip;
import io.qameta.allure.Allure;

/** Sweeps and findings in the Allure report: the strip picture, the JSON, a finding's replay and flash diff. */
public final class SweepReport {
    private SweepReport() { }

    /** The picture of the whole sweep (HTML with an SVG strip) and its JSON. */
    public static void attach(SweepResult result) {
        Allure.addAttachment("sweep " + result.board() + " " + result.variant(), "text/html",
                SweepStrip.html(result), ".html");
        Allure.addAttachment("sweep.json", "application/json", SweepJson.of(result).toPrettyString(), ".json");
        Allure.parameter("operations", result.trace().size());
        Allure.parameter("cuts judged", result.cutsJudged());
        Allure.parameter("bad cuts", result.badCuts());
        ScenarioRecords.add(new ScenarioRecord("power-cut sweep", result.board(), result.variant(), result));
    }

    /** A finding, its replay command, and what the literal replay showed. */
    public static void attach(Finding finding, CutReplay.Replayed replayed) {
        Allure.parameter("replay", finding.replay());
        Allure.addAttachment("finding", "text/plain", finding.summary() + "\n" + finding.verdict().detail()
                + "\n\nreplay: " + finding.replay() + "\n", ".txt");
        Allure.addAttachment("replay", "text/plain", "cut: " + replayed.outcome().cut() + "\nverdict: "
                + replayed.outcome().verdict() + "\nflash sha256: " + replayed.outcome().flashDigest() + "\n", ".txt");
        Allure.addAttachment("flash diff", "text/plain", replayed.flashDiff(), ".txt");
    }
}
