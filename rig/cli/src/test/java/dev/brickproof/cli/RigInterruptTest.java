package dev.brickproof.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brickproof.rig.Board;
import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigOptions;
import dev.brickproof.rig.RunInterruptedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/** {@link Rig#interrupt()} (what the Ctrl-C hook runs) against a thread that keeps pulsing reset. */
public class RigInterruptTest {

    @Test
    public void interruptStopsTheDrivingThreadBeforeMarkingAndDrivingTheSafeState() throws Exception {
        Path tmp = Files.createTempDirectory("brickproof-rig-interrupt");
        RigOptions options = RigOptions.defaults().withShutdownHook(false).withBoards(List.of("f103-d1"))
                .withPortDirectory(tmp.resolve("ports")).withLeaseDirectory(tmp.resolve("leases"));
        try (Rig rig = Rig.open(ChildCli.ROOT.resolve("fixtures/rigs/emulated.yaml"), options)) {
            Board board = rig.board("f103-d1");
            CountDownLatch pulsing = new CountDownLatch(3);
            CompletableFuture<Object> scenario = CompletableFuture.supplyAsync(() -> rig.drive(() -> {
                while (true) {
                    board.reset().pulse();
                    pulsing.countDown();
                }
            }));
            assertThat(pulsing.await(30, TimeUnit.SECONDS)).as("the scenario thread pulses reset").isTrue();

            rig.interrupt();

            assertThatThrownBy(() -> scenario.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RunInterruptedException.class);
            assertThat(rig.interrupted()).isTrue();
            List<String> journal = Files.readAllLines(rig.runDir().resolve("gpio.log"));
            int reserved = indexOf(journal, "=== GPIO reserved for the safe state");
            int mark = indexOf(journal, "=== interrupted at ");
            assertThat(reserved).as("%s", journal).isPositive();
            assertThat(mark).as("the driving thread stopped before the mark: %s", journal).isGreaterThan(reserved);
            java.util.Map<String, String> safe = new java.util.HashMap<>();
            java.util.Set<String> driven = new java.util.HashSet<>();
            for (int i = 0; i < journal.size(); i++) {
                String[] f = journal.get(i).split(" ");
                if (f.length >= 5 && f[3].equals("claim")) {
                    safe.put(f[4], f[f.length - 3]); // "... claim <id> <line> [(active-low)] <level> (safe state)"
                } else if (i > reserved && i < mark) {
                    assertThat(journal.get(i)).as("between reserving and marking only refusals").contains("REFUSED");
                } else if (i > mark && !journal.get(i).contains("===")) {
                    assertThat(f[2]).as("after the mark only the interrupting thread drives: %s", journal.get(i))
                            .isEqualTo("[" + Thread.currentThread().getName() + "]");
                    assertThat(f[f.length - 1]).as("only safe levels: %s", journal.get(i)).isEqualTo(safe.get(f[3]));
                    assertThat(driven.add(f[3])).as("each line driven to its safe state once: %s", journal).isTrue();
                }
            }
            assertThat(driven).as("every line of the board driven to its safe state").isEqualTo(safe.keySet());
            assertThat(Files.readString(board.console().transcript(), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .contains("=== interrupted at ");
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
