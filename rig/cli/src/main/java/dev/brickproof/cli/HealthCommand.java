package dev.brickproof.cli;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.ExitStatus;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RunInterruptedException;
import dev.brickproof.rig.health.HealthCheck;
import dev.brickproof.rig.health.HealthReport;
import dev.brickproof.rig.resource.RigDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code brickproof health}: the rig's health job on one board ({@code --board}) or on every board of the rig file.
 * Exit 0 when every board is healthy, 2 (rig fault) when any is not: an unhealthy board is the rig's problem, and a
 * run leaves it out.
 */
@Command(name = "health", description = "Health job per board: the ROM bootloader answers with the chip's ID,"
        + " provisioning works, relay off/on and NRST show the bootloader banner, relay off silences the console."
        + " Without --board, every board of the rig file.")
final class HealthCommand implements Callable<Integer> {
    @ParentCommand
    Brickproof root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RigDescription description = root.loadRig();
        List<String> ids = root.board == null || root.board.isBlank() ? List.of() : List.of(root.board);
        try (Rig rig = Rig.open(description, root.options(ids));
             TransferDisplay display = new TransferDisplay(root.err, root.terminal)) {
            List<HealthReport> reports = new ArrayList<>();
            for (Board board : rig.boards()) {
                reports.add(rig.drive(() -> display.step("health of " + board.id(), () -> new HealthCheck(board).run())));
                if (rig.interrupted()) {
                    throw new RunInterruptedException("health on board " + board.id());
                }
            }
            CommandResult result = result(reports);
            root.print(result);
            return result.status().code();
        }
    }

    static CommandResult result(List<HealthReport> reports) {
        CommandResult.Builder result = CommandResult.of("health");
        List<Map<String, Object>> boards = new ArrayList<>();
        boolean allHealthy = true;
        for (HealthReport report : reports) {
            allHealthy &= report.healthy();
            result.line((report.healthy() ? "healthy    " : "UNHEALTHY  ") + report.board() + " (" + report.chip() + ")"
                    + (report.healthy() ? "" : ": " + report.firstProblem() + " (left out of runs: a rig fault)"));
            List<Map<String, Object>> probes = new ArrayList<>();
            for (HealthReport.Probe probe : report.probes()) {
                result.line("    " + probe.status().name().toLowerCase() + "  " + probe.name() + ": " + probe.detail());
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("name", probe.name());
                p.put("status", probe.status().name());
                p.put("detail", probe.detail());
                p.put("millis", probe.took().toMillis());
                probes.add(p);
            }
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("board", report.board());
            b.put("chip", report.chip());
            b.put("healthy", report.healthy());
            b.put("probes", probes);
            boards.add(b);
        }
        result.field("boards", boards).field("healthy", allHealthy);
        return result.build(allHealthy ? ExitStatus.PROMISE_KEPT : ExitStatus.RIG_FAULT);
    }
}
