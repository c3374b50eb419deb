package dev.brickproof.scenarios.signoff;

import dev.brickproof.rig.ExitStatus;
import java.util.List;
import java.util.Map;

/**
 * The release sign-off: what a QA engineer archives with a bootloader release. Written as
 * {@code reports/signoff.json} and {@code reports/signoff.html} by {@link SignoffWriter}.
 *
 * @param rig          the rig's name
 * @param rigFile      the rig file
 * @param suite        the TestNG suite
 * @param version      Brickproof's version
 * @param date         when the sign-off was written (UTC, ISO-8601)
 * @param build        the build whose suite runs merge into this one sign-off (empty: this suite run alone); see
 *                     {@link SignoffMerge}
 * @param promises     one line: promises kept / broken / not proven
 * @param totals       test counts of the whole run, as TestNG and Allure count them
 * @param boards       one entry per board and bootloader variant
 * @param checks       tests of no bootloader (rig checks, board health), counted by board ("rig" for none) and kind
 * @param checkProblems those checks that did not pass, and why
 */
public record Signoff(String rig, String rigFile, String suite, String version, String date, String build,
                      String promises,
                      Counts totals, List<BoardSignoff> boards, List<CheckCounts> checks, List<Problem> checkProblems) {

    /** Rig and board checks of one kind. */
    public record CheckCounts(String board, String kind, Counts counts) { }

    /** Passed, failed (an assertion: product defect), broken (any other error: rig fault), skipped. */
    public record Counts(int tests, int passed, int failed, int broken, int skipped) {
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0);

        public Counts plus(Counts o) {
            return new Counts(tests + o.tests, passed + o.passed, failed + o.failed, broken + o.broken,
                    skipped + o.skipped);
        }
    }

    /** One scenario kind's tests. */
    public record KindCounts(String kind, Counts counts) { }

    /** A bad window of a sweep and the command that replays it. */
    public record FindingLine(String board, String bootloader, String summary, String verdict, String replay) { }

    /** A test that did not pass, and why. */
    public record Problem(String test, String status, String message) { }

    /**
     * @param board          board id
     * @param chip           its chip
     * @param design         the firmware design
     * @param protocol       the update protocol
     * @param bootloader     the bootloader variant
     * @param negativeControl true when its manifest promises BRICKED or CORRUPTED somewhere: its findings are
     *                       the harness catching a weak design, not a failed release
     * @param firmware       image file name to SHA-256 (bootloader variant, v1, v2)
     * @param kinds          scenario kinds that ran, with counts
     * @param totals         all tests of this board and bootloader
     * @param cutPoints      cut points judged (sweeps and single power cuts)
     * @param flashOperations flash operations of the update the sweeps cut among (the largest sweep's)
     * @param findings       sweep findings with replay commands
     * @param problems       tests that did not pass
     * @param outcomes       one line per scenario result (upgrade, power cut, rejected image, rollback...)
     * @param recoveries     forensics recovery lines
     * @param recoverable    boards examined that came back through the ROM bootloader
     * @param notRecoverable boards examined that did not
     */
    public record BoardSignoff(String board, String chip, String design, String protocol, String bootloader,
                               boolean negativeControl, Map<String, String> firmware, List<KindCounts> kinds, Counts totals, long cutPoints,
                               long flashOperations, List<FindingLine> findings, List<Problem> problems,
                               List<String> outcomes, List<String> recoveries, int recoverable, int notRecoverable) { }

    /** The one line: kept, broken (a product defect), or not proven (rig faults, skipped tests). */
    public static String promises(Signoff.Counts c, int notRecoverable) {
        if (c.tests() == 0) {
            return "PROMISES NOT PROVEN: no test ran";
        }
        if (c.failed() > 0) {
            return "PROMISES BROKEN: " + c.failed() + " of " + c.tests() + " tests failed (product defects)"
                    + (c.broken() + c.skipped() > 0 ? "; " + c.broken() + " broken, " + c.skipped() + " skipped" : "");
        }
        if (c.broken() > 0 || c.skipped() > 0 || notRecoverable > 0) {
            return "PROMISES NOT PROVEN: " + c.broken() + " broken (rig faults or harness errors), " + c.skipped()
                    + " skipped" + (notRecoverable > 0 ? ", " + notRecoverable + " boards not recoverable" : "")
                    + " of " + c.tests() + " tests; fix the rig and rerun";
        }
        return "PROMISES KEPT: all " + c.tests() + " tests passed";
    }

    /** The exit status the one line stands for: kept 0, broken 1 (a product defect), not proven 2 (rig faults). */
    public ExitStatus status() {
        return promises.startsWith("PROMISES KEPT") ? ExitStatus.PROMISE_KEPT
                : promises.startsWith("PROMISES BROKEN") ? ExitStatus.PRODUCT_DEFECT : ExitStatus.RIG_FAULT;
    }
}
