package dev.brickproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/** Two runs on one board: the second fails fast naming the holder; with --wait it runs after the first. */
public class LeaseTest {
    private static final String RIG = ChildCli.ROOT.resolve("fixtures/rigs/emulated.yaml").toString();
    private static final String BOARD = "f103-d1";

    @Test
    public void aSecondRunOnALeasedBoardFailsFastNamingTheHolderAndWithWaitRunsAfterTheFirst() throws Exception {
        Path work = Files.createTempDirectory("brickproof-lease");
        String leases = work.resolve("leases").toString();
        try (ChildCli first = ChildCli.start(work, LeaseHoldingRun.class.getName(), RIG, BOARD, leases)) {
            awaitOut(first, "holding " + BOARD);

            StringWriter err = new StringWriter();
            int code = Brickproof.run(new String[] {"--rig", RIG, "--board", BOARD, "--lease-dir", leases, "scenario"},
                    new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
            assertThat(code).as(err.toString()).isEqualTo(2);
            assertThat(err.toString()).contains("board " + BOARD + " is leased by " + System.getProperty("user.name")
                    + "@").contains("pid " + first.pid()).contains("running 'lease-holding first run'")
                    .contains("since 20");

            StringWriter listed = new StringWriter();
            assertThat(Brickproof.run(new String[] {"lease", "list", "--lease-dir", leases, "--json"},
                    new PrintWriter(listed, true), new PrintWriter(new StringWriter(), true))).isZero();
            assertThat(listed.toString()).contains("\"state\" : \"HELD\"").contains("\"pid\" : " + first.pid())
                    .contains("\"board\" : \"" + BOARD + "\"");

            StringWriter waitingOut = new StringWriter();
            StringWriter waitingErr = new StringWriter();
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> Brickproof.run(new String[] {
                    "scenario", "--rig", RIG, "--board", BOARD, "--lease-dir", leases, "--wait", "2m"},
                    new PrintWriter(waitingOut, true), new PrintWriter(waitingErr, true)));
            awaitText(waitingErr, "is leased by", Duration.ofSeconds(30));
            assertThat(waitingErr.toString()).contains("pid " + first.pid()).contains("waiting up to 120 s");
            assertThat(waiting).as("queued while the first run holds the board").isNotDone();

            first.process().getOutputStream().close(); // the first run ends and releases its lease
            assertThat(first.awaitExit(Duration.ofSeconds(30))).isZero();
            assertThat(waiting.get(2, TimeUnit.MINUTES)).as(waitingErr.toString()).isZero();
            assertThat(waitingOut.toString()).contains("verdict: BOOTED(v2.0)");
            assertThat(first.out()).contains("released " + BOARD);
        }
    }

    private static void awaitOut(ChildCli child, String text) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!child.out().contains(text)) {
            if (System.nanoTime() > end || !child.process().isAlive()) {
                throw new AssertionError("the first run never said '" + text + "'\n" + child.out() + "\n" + child.err());
            }
            Thread.sleep(20);
        }
    }

    private static void awaitText(StringWriter writer, String text, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!writer.toString().contains(text)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("never saw '" + text + "' in:\n" + writer);
            }
            Thread.sleep(20);
        }
    }
}
