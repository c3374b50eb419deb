package dev.brickproof.emulator.bench;

import dev.brickproof.emulator.cpu.CoreState;
import dev.brickproof.emulator.cpu.CortexM;
import dev.brickproof.emulator.unicorn.HostDevice;
import dev.brickproof.emulator.unicorn.ProgramImage;
import dev.brickproof.emulator.unicorn.RamBus;
import dev.brickproof.emulator.unicorn.StraightLineCode;
import dev.brickproof.emulator.unicorn.UnicornArm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Emulator throughput: the Brickproof core against Unicorn 2 through JNA on the same images.
 * Run with {@code ./mvnw -B -Pbench verify}; writes a JSON array of {workload, engine, instructions, seconds,
 * mips} to the file named by the first argument (reports/bench/emulator.json) and prints a table with the
 * brickproof/unicorn ratio per workload.
 *
 * <p>Workloads: {@code straight-line} (4096 unrolled register-only ALU instructions in a loop),
 * {@code crc-loop} (CRC-32 over a RAM buffer, gcc -O2), {@code uart-poll} (a loop polling a UART status
 * register that never becomes ready; on the core the register is served by a Java {@link RamBus} device, on
 * Unicorn by a JNA MMIO callback; no idle fast-forward anywhere).
 *
 * <p>Method: per (workload, engine) a warm-up of {@code -Dbench.warmupMillis} (default 2000), then
 * {@code -Dbench.iterations} (default 5) measured runs of at least {@code -Dbench.iterationMillis} (default
 * 1000) each; the figures are the totals over the measured runs; the spread (min..max MIPS) is printed.
 * Not a pass/fail test: targets are reported, never enforced.
 */
public final class EmulatorBenchmark {
    private static final long WARMUP_MILLIS = Long.getLong("bench.warmupMillis", 2000);
    private static final int ITERATIONS = Integer.getInteger("bench.iterations", 5);
    private static final long ITERATION_MILLIS = Long.getLong("bench.iterationMillis", 1000);
    /** Instructions per host call: the core's run() budget in cycles, Unicorn's count. */
    private static final int SLICE = 100_000;

    private EmulatorBenchmark() {
    }

    /** Something that runs guest code: returns the instructions actually executed. */
    interface Target extends AutoCloseable {
        long run(long instructions);

        @Override
        default void close() {
        }
    }

    record Result(String workload, String engine, long instructions, double seconds, double minMips,
                  double maxMips) {
        double mips() {
            return instructions / seconds / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "reports/bench/emulator.json");
        boolean unicorn = UnicornArm.isAvailable();
        if (!unicorn) {
            System.out.println("libunicorn2 not found: install it with `apt-get install libunicorn2`;"
                    + " measuring the Brickproof core only");
        }
        List<Result> results = new ArrayList<>();
        for (String workload : List.of("straight-line", "crc-loop", "uart-poll")) {
            results.add(measure(workload, "brickproof", () -> brickproof(workload)));
            if (unicorn) {
                results.add(measure(workload, "unicorn-jna", () -> unicorn(workload)));
            }
        }
        // TODO(real-time idle): the third figure of the issue, "a real-time board idling in UART receive uses
        // < 5% of one core", needs RealTimeRunner (BoardFactory.startRealTime). See realTimeIdle().
        String idle = realTimeIdle();

        report(results, idle);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json(results));
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private static Result measure(String workload, String engine, TargetFactory factory) throws Exception {
        try (Target target = factory.create()) {
            long warmEnd = System.nanoTime() + WARMUP_MILLIS * 1_000_000;
            while (System.nanoTime() < warmEnd) {
                target.run(5L * SLICE);
            }
            long instructions = 0;
            long nanos = 0;
            double min = Double.MAX_VALUE;
            double max = 0;
            for (int i = 0; i < ITERATIONS; i++) {
                long n = 0;
                long t0 = System.nanoTime();
                long t;
                do {
                    n += target.run(5L * SLICE);
                    t = System.nanoTime();
                } while (t - t0 < ITERATION_MILLIS * 1_000_000);
                double mips = n / ((t - t0) / 1e9) / 1e6;
                min = Math.min(min, mips);
                max = Math.max(max, mips);
                instructions += n;
                nanos += t - t0;
            }
            Result r = new Result(workload, engine, instructions, nanos / 1e9, min, max);
            System.out.printf(Locale.ROOT, "  %-14s %-12s %8.1f MIPS (%.1f..%.1f)%n", workload, engine, r.mips(),
                    min, max);
            return r;
        }
    }

    interface TargetFactory {
        Target create() throws Exception;
    }

    // ---- the core ------------------------------------------------------------------------------------------

    private static Target brickproof(String workload) {
        RamBus bus;
        if (workload.equals("straight-line")) {
            bus = new RamBus(StraightLineCode.CODE_SIZE, ProgramImage.RAM_BASE, ProgramImage.RAM_SIZE);
            bus.loadCode(StraightLineCode.image());
        } else {
            bus = image(workload).bus(new HostDevice());
        }
        CortexM cpu = new CortexM(bus, false);
        cpu.reset();
        return instructions -> {
            long start = cpu.instructions();
            while (cpu.instructions() - start < instructions) {
                cpu.run(SLICE);
                if (cpu.state() != CoreState.RUNNING) {
                    throw new IllegalStateException(workload + ": core " + cpu.state() + ": " + cpu.haltReason());
                }
            }
            return cpu.instructions() - start;
        };
    }

    // ---- Unicorn -------------------------------------------------------------------------------------------

    private static Target unicorn(String workload) {
        UnicornArm uc;
        if (workload.equals("straight-line")) {
            uc = UnicornArm.openCortexM3();
            uc.map(0, StraightLineCode.CODE_SIZE, false);
            uc.write(0, StraightLineCode.image());
            uc.setReg(15, StraightLineCode.ENTRY);
        } else {
            uc = image(workload).openUnicorn(new HostDevice());
        }
        int[] pc = {uc.reg(15)};
        return new Target() {
            @Override
            public long run(long instructions) {
                long done = 0;
                while (done < instructions) {
                    uc.run(pc[0], SLICE);
                    pc[0] = uc.reg(15);
                    done += SLICE; // Unicorn's count (close enough for throughput; see DIFF_FINDINGS.md U-2)
                }
                return done;
            }

            @Override
            public void close() {
                uc.close();
            }
        };
    }

    private static ProgramImage image(String workload) {
        return ProgramImage.load("bench-" + workload);
    }

    // ---- real-time idle cost --------------------------------------------------------------------------------

    /**
     * Hook for the third figure: CPU share of a real-time F103 board idling in UART receive. Returns a line for
     * the report, or why it could not be measured yet.
     */
    static String realTimeIdle() {
        // TODO(real-time idle): when BoardFactory.startRealTime works, program bench-uart-poll.bin (a valid
        // F103C8 image: it polls USART1_SR.RXNE) into EmulatedBoard.create(BoardOptions.of(Chip.STM32F103C8)),
        // start RealTimeRunner, sleep ~5 s and report RealTimeRunner.cpuTimeUsed() / wall time (target < 5%).
        return "real-time idle (target < 5% of one core): not measured, RealTimeRunner is not implemented yet";
    }

    // ---- output --------------------------------------------------------------------------------------------

    private static void report(List<Result> results, String idle) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-14s %-12s %14s %9s %9s%n", "workload", "engine", "instructions",
                "seconds", "MIPS");
        Map<String, Map<String, Result>> byWorkload = new LinkedHashMap<>();
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-14s %-12s %14d %9.3f %9.1f%n", r.workload(), r.engine(),
                    r.instructions(), r.seconds(), r.mips());
            byWorkload.computeIfAbsent(r.workload(), k -> new LinkedHashMap<>()).put(r.engine(), r);
        }
        System.out.println();
        byWorkload.forEach((workload, engines) -> {
            Result ours = engines.get("brickproof");
            Result theirs = engines.get("unicorn-jna");
            if (ours != null && theirs != null) {
                System.out.printf(Locale.ROOT, "ratio brickproof/unicorn %-14s %6.2fx%n", workload,
                        ours.mips() / theirs.mips());
            }
        });
        Result straight = byWorkload.get("straight-line").get("brickproof");
        System.out.printf(Locale.ROOT, "target straight-line >= 100 MIPS on the core: %s (%.1f)%n",
                straight.mips() >= 100 ? "met" : "NOT met", straight.mips());
        Map<String, Result> poll = byWorkload.get("uart-poll");
        if (poll.containsKey("unicorn-jna")) {
            double ratio = poll.get("brickproof").mips() / poll.get("unicorn-jna").mips();
            System.out.printf(Locale.ROOT, "target uart-poll >= 10x Unicorn: %s (%.1fx)%n",
                    ratio >= 10 ? "met" : "NOT met", ratio);
        }
        System.out.println(idle);
    }

    static String json(List<Result> results) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            sb.append(String.format(Locale.ROOT,
                    "  {\"workload\": \"%s\", \"engine\": \"%s\", \"instructions\": %d, \"seconds\": %.6f, "
                            + "\"mips\": %.3f}%s%n",
                    r.workload(), r.engine(), r.instructions(), r.seconds(), r.mips(),
                    i < results.size() - 1 ? "," : ""));
        }
        return sb.append("]\n").toString();
    }
}
