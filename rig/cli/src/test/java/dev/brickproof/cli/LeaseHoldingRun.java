package dev.brickproof.cli;

import dev.brickproof.rig.Rig;
import dev.brickproof.rig.RigOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * A first run for {@link LeaseTest}, in its own JVM: opens one board of a rig in real time through
 * {@link Rig#open} (taking its lease as every run does), says "holding", and keeps the board until its stdin
 * closes. Arguments: rig file, board id, lease directory.
 */
public final class LeaseHoldingRun {
    private LeaseHoldingRun() { }

    public static void main(String[] args) throws Exception {
        RigOptions options = RigOptions.defaults().withBoards(List.of(args[1])).withLeaseDirectory(Path.of(args[2]))
                .withCommand("lease-holding first run");
        try (Rig rig = Rig.open(Path.of(args[0]), options)) {
            System.out.println("holding " + args[1]);
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the board until the test closes stdin
            }
        }
        System.out.println("released " + args[1]);
    }
}
