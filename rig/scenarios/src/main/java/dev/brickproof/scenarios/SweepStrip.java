package dev.brickproof.scenarios;

import java.util.List;
import java.util.Locale;

/**
 * The picture of a sweep, as a self-contained HTML page with an SVG strip: one column per flash operation of
 * the update, coloured by the outcome of the cut before it (green: the old or new image boots; red: bricked;
 * orange: corrupted; grey: a rig fault; white: not cut at this stride), the phases labelled underneath, then
 * the findings with their replay commands.
 */
public final class SweepStrip {
    private static final int WIDTH = 1200;
    private static final int ROW = 36;

    private SweepStrip() { }

    public static String html(SweepResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>sweep ").append(esc(r.board()))
                .append("</title><style>body{font-family:sans-serif;margin:16px}td,th{padding:2px 8px;text-align:left}"
                        + "code{font-size:12px}</style></head><body>");
        sb.append("<h3>Power-cut sweep").append(r.restore().isPresent() ? " of the restore" : "").append(": ")
                .append(esc(r.design())).append(" (").append(esc(r.variant())).append(") on ").append(esc(r.board()))
                .append("</h3>");
        r.restore().ifPresent(restore -> sb.append("<p>").append(esc(restore.summary())).append("</p>"));
        sb.append("<p>").append(r.trace().size()).append(" flash operations, ").append(r.cutsJudged())
                .append(" cuts judged (").append(r.executed()).append(" executed, ").append(r.memoised())
                .append(" memoised), ").append(r.badCuts()).append(" bad, ")
                .append(String.format(Locale.ROOT, "%.1f s", r.wallSeconds())).append("</p>");
        sb.append(svg(r));
        sb.append("<p><span style=\"color:#2e7d32\">&#9632;</span> boots a known image &nbsp;"
                + "<span style=\"color:#c62828\">&#9632;</span> bricked &nbsp;"
                + "<span style=\"color:#ef6c00\">&#9632;</span> corrupted &nbsp;"
                + "<span style=\"color:#757575\">&#9632;</span> rig fault &nbsp;"
                + "<span style=\"color:#6a1b9a\">&#9632;</span> boots an image the promise excludes &nbsp; top row: before:K, middle: torn:K,"
                + " last column: after-last</p>");
        if (r.findings().isEmpty()) {
            sb.append("<p><b>No bad cut point.</b></p>");
        } else {
            sb.append("<table border=\"1\" style=\"border-collapse:collapse\"><tr><th>verdict</th><th>cuts</th>"
                    + "<th>window</th><th>what the operations do</th><th>replay</th></tr>");
            for (Finding f : r.findings()) {
                sb.append("<tr><td>").append(f.verdict().kind()).append("</td><td>").append(f.cuts())
                        .append("</td><td>").append(esc(f.first() + (f.cuts() > 1 ? " .. " + f.last() : "")))
                        .append("</td><td>").append(esc(f.phase() + ": " + f.firstOp()
                                + (f.cuts() > 1 ? " .. " + f.lastOp() : ""))).append("<br><small>")
                        .append(esc(f.verdict().detail()))
                        .append(f.relayOffset().map(d -> String.format(Locale.ROOT,
                                "<br>on hardware: open the relay %.3f ms after the update command", d.toNanos() / 1e6))
                                .orElse(""))
                        .append("</small></td><td><code>").append(esc(f.replay()))
                        .append("</code></td></tr>");
            }
            sb.append("</table>");
        }
        return sb.append("</body></html>").toString();
    }

    static String svg(SweepResult r) {
        int ops = Math.max(1, r.trace().size() + 1);
        double w = (double) WIDTH / ops;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(ROW * 2 + 50).append("\" style=\"border:1px solid #ccc\">");
        for (CutOutcome c : r.outcomes()) {
            // a link cut is placed by its share of the host's bytes (the transfer runs along the operations)
            int k = c.cut().kind() == CutPoint.Kind.AFTER_LAST ? ops - 1 : c.cut().kind() == CutPoint.Kind.LINK
                    ? (int) (c.cut().op() * (ops - 1) / Math.max(1, r.trace().hostBytes())) : (int) c.cut().op();
            int row = c.cut().kind() == CutPoint.Kind.BEFORE || c.cut().kind() == CutPoint.Kind.AFTER_LAST ? 0 : 1;
            int stride = c.cut().kind() == CutPoint.Kind.BEFORE ? strideOf(r.outcomes()) : 1;
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\">"
                            + "<title>%s: %s</title></rect>", k * w, row * ROW, Math.max(1.0, w * stride), ROW - 2,
                    colour(c), esc(c.cut().toString()), esc(c.verdict().toString())));
        }
        for (UpdateTrace.PhaseSpan span : r.trace().phaseSpans()) {
            double x = span.first() * w;
            double width = (span.last() - span.first() + 1) * w;
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"14\" fill=\"%s\"/>",
                    x, ROW * 2 + 4, width, span.phase().equals("-") ? "#eeeeee" : "#bbdefb"));
            if (width > 40) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%d\" font-size=\"11\">%s</text>", x + 2,
                        ROW * 2 + 15, esc(span.phase())));
            }
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"11\">op 0</text>", ROW * 2 + 34));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">op %d</text>",
                WIDTH - 2, ROW * 2 + 34, r.trace().size() - 1));
        return sb.append("</svg>").toString();
    }

    /** The sweep's stride: the largest gap between consecutive before cuts (refined windows add smaller ones). */
    private static int strideOf(List<CutOutcome> outcomes) {
        long a = -1;
        long gap = 1;
        for (CutOutcome c : outcomes) {
            if (c.cut().kind() == CutPoint.Kind.BEFORE) {
                if (a >= 0) {
                    gap = Math.max(gap, c.cut().op() - a);
                }
                a = c.cut().op();
            }
        }
        return (int) gap;
    }

    private static String colour(CutOutcome c) {
        return switch (c.verdict().kind()) {
            case BOOTED -> c.bad() ? "#6a1b9a" : "#2e7d32";
            case BRICKED -> "#c62828";
            case CORRUPTED -> "#ef6c00";
            case RIG_FAULT -> "#757575";
        };
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
