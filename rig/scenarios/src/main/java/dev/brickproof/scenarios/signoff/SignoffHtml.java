package dev.brickproof.scenarios.signoff;

import java.util.List;
import java.util.Map;

/** The sign-off as one self-contained HTML page: inline CSS, no scripts, printable. */
public final class SignoffHtml {
    private SignoffHtml() { }

    public static String render(Signoff s) {
        StringBuilder h = new StringBuilder();
        String verdictClass = switch (s.status()) {
            case PROMISE_KEPT -> "kept";
            case PRODUCT_DEFECT -> "broken";
            default -> "unproven";
        };
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Release sign-off: ")
                .append(esc(s.rig())).append("</title>\n<style>\n")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1150px}\n")
                .append("h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:22px 0 6px;border-bottom:1px solid #ccc}\n")
                .append("h3{font-size:15px;margin:10px 0 4px}.meta{color:#555;margin-bottom:10px}\n")
                .append(".promise{font-size:18px;font-weight:bold;padding:10px 14px;border-radius:4px;margin:10px 0}\n")
                .append(".kept{background:#e3f5e1;color:#1d6b1d}.broken{background:#fbe3e3;color:#9b1c1c}")
                .append(".unproven{background:#fff4d6;color:#7a5a00}\n")
                .append("table{border-collapse:collapse;margin:4px 0 8px}td,th{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:left;vertical-align:top}th{background:#f2f2f2}\n")
                .append("td.n{text-align:right;white-space:nowrap}.nw{white-space:nowrap}table.overview{width:100%}")
                .append("code{font:12px monospace;word-break:break-all}\n")
                .append(".board{border:1px solid #ddd;border-radius:4px;padding:6px 12px;margin:10px 0}\n")
                .append("ul{margin:4px 0;padding-left:20px}.fail{color:#9b1c1c}.ok{color:#1d6b1d}\n")
                .append(".nc{font-size:12px;font-weight:normal;color:#6a4c93}\n")
                .append("</style></head><body>\n");
        h.append("<h1>Release sign-off</h1>\n<div class=\"meta\">rig <b>").append(esc(s.rig())).append("</b> (")
                .append(esc(s.rigFile())).append(") &middot; suite ").append(esc(s.suite()))
                .append(" &middot; Brickproof ").append(esc(s.version())).append(" &middot; ").append(esc(s.date()))
                .append("</div>\n");
        h.append("<div class=\"promise ").append(verdictClass).append("\">").append(esc(s.promises()))
                .append("</div>\n");
        h.append("<table><tr><th>tests</th><th>passed</th><th>failed</th><th>broken</th><th>skipped</th></tr>")
                .append(countCells(s.totals())).append("</table>\n");
        overview(h, s);
        h.append("<h2>Boards and bootloaders</h2>\n");
        if (s.boards().isEmpty()) {
            h.append("<p class=\"fail\">No board ran a scenario.</p>\n");
        }
        for (Signoff.BoardSignoff b : s.boards()) {
            h.append("<div class=\"board\"><h3>").append(esc(b.board())).append(" &middot; ").append(esc(b.design()))
                    .append(" bootloader <i>").append(esc(b.bootloader())).append("</i>")
                    .append(b.negativeControl() ? " <span class=\"nc\">negative control: its manifest promises a"
                            + " brick; the harness must catch it</span>" : "")
                    .append("</h3>\n<div class=\"meta\">")
                    .append(esc(b.chip())).append(", update over ").append(esc(b.protocol())).append("; cut points ")
                    .append(b.cutPoints()).append(b.flashOperations() > 0 ? " of " + b.flashOperations()
                            + " flash operations" : "").append("; recoverable through the ROM bootloader: ")
                    .append(b.recoverable() + b.notRecoverable() == 0 ? "not examined (nothing bricked)"
                            : b.recoverable() + " of " + (b.recoverable() + b.notRecoverable()))
                    .append("</div>\n");
            firmware(h, b.firmware());
            h.append("<table><tr><th>scenario kind</th><th>tests</th><th>passed</th><th>failed</th><th>broken</th>")
                    .append("<th>skipped</th></tr>");
            for (Signoff.KindCounts k : b.kinds()) {
                h.append("<tr><td>").append(esc(k.kind())).append("</td>").append(countCells(k.counts()))
                        .append("</tr>");
            }
            h.append("</table>\n");
            list(h, b.negativeControl() ? "Findings (expected: the weak design caught)" : "Findings",
                    b.findings().stream().map(f -> esc(f.summary()) + "<br>replay: <code>" + esc(f.replay())
                            + "</code>").toList(), b.negativeControl() ? "" : "fail");
            list(h, "Tests that did not pass", b.problems().stream().map(p -> "<b>" + esc(p.status()) + "</b> "
                    + esc(p.test()) + ": " + esc(shorten(p.message()))).toList(), "fail");
            list(h, "Recoveries", b.recoveries().stream().map(SignoffHtml::esc).toList(), "");
            list(h, "Results", b.outcomes().stream().map(SignoffHtml::esc).toList(), "");
            h.append("</div>\n");
        }
        if (!s.checks().isEmpty()) {
            h.append("<h2>Rig and board checks</h2>\n<table><tr><th>board</th><th>kind</th><th>tests</th>")
                    .append("<th>passed</th><th>failed</th><th>broken</th><th>skipped</th></tr>");
            for (Signoff.CheckCounts k : s.checks()) {
                h.append("<tr><td>").append(esc(k.board())).append("</td><td>").append(esc(k.kind())).append("</td>")
                        .append(countCells(k.counts())).append("</tr>");
            }
            h.append("</table>\n");
            list(h, "Checks that did not pass", s.checkProblems().stream().map(p -> "<b>" + esc(p.status()) + "</b> "
                    + esc(p.test()) + ": " + esc(shorten(p.message()))).toList(), "fail");
        }
        return h.append("</body></html>\n").toString();
    }

    /** One row per board and bootloader: the page's first screen. */
    private static void overview(StringBuilder h, Signoff s) {
        if (s.boards().isEmpty()) {
            return;
        }
        h.append("<table class=\"overview\"><tr><th>board</th><th>design</th><th>bootloader</th><th>scenario kinds</th>")
                .append("<th>tests</th>")
                .append("<th>passed</th><th>failed</th><th>broken</th><th>skipped</th><th>cut points</th>")
                .append("<th>findings</th><th>recoverable</th></tr>");
        for (Signoff.BoardSignoff b : s.boards()) {
            h.append("<tr><td class=\"nw\">").append(esc(b.board())).append("</td><td>").append(esc(b.design()))
                    .append("</td><td>")
                    .append(esc(b.bootloader())).append(b.negativeControl() ? " <span class=\"nc\">(neg. control)</span>"
                            : "").append("</td><td>").append(esc(String.join(", ", b.kinds().stream()
                            .map(Signoff.KindCounts::kind).toList()))).append("</td>").append(countCells(b.totals()))
                    .append("<td class=\"n\">").append(b.cutPoints()).append(b.flashOperations() > 0 ? " / "
                            + b.flashOperations() + " ops" : "").append("</td><td class=\"n\">")
                    .append(b.findings().size()).append("</td><td>").append(b.recoverable() + b.notRecoverable() == 0
                            ? "&ndash;" : b.notRecoverable() == 0 ? "yes (" + b.recoverable() + ")"
                            : "<b class=\"fail\">no: " + b.notRecoverable() + " of " + (b.recoverable()
                            + b.notRecoverable()) + "</b>").append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private static void firmware(StringBuilder h, Map<String, String> firmware) {
        if (firmware.isEmpty()) {
            return;
        }
        h.append("<table><tr><th>firmware</th><th>SHA-256</th></tr>");
        firmware.forEach((f, sha) -> h.append("<tr><td class=\"nw\">").append(esc(f)).append("</td><td><code>").append(esc(sha))
                .append("</code></td></tr>"));
        h.append("</table>\n");
    }

    private static void list(StringBuilder h, String title, List<String> items, String cls) {
        if (items.isEmpty()) {
            return;
        }
        h.append("<b>").append(title).append("</b><ul class=\"").append(cls).append("\">");
        items.forEach(i -> h.append("<li>").append(i).append("</li>"));
        h.append("</ul>\n");
    }

    private static String countCells(Signoff.Counts c) {
        return "<td class=\"n\">" + c.tests() + "</td><td class=\"n ok\">" + c.passed() + "</td><td class=\"n"
                + (c.failed() > 0 ? " fail" : "") + "\">" + c.failed() + "</td><td class=\"n\">" + c.broken()
                + "</td><td class=\"n\">" + c.skipped() + "</td>";
    }

    private static String shorten(String message) {
        String first = message == null ? "" : message.lines().findFirst().orElse("");
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
