package dev.brickproof.emulator.cpu;

/**
 * Manual benchmark (not a test): straight-line instruction throughput of {@link CortexM#run}.
 * Run with {@code java -cp ... dev.brickproof.emulator.cpu.CoreBenchmark}.
 */
public final class CoreBenchmark {
    private CoreBenchmark() {
    }

    public static void main(String[] args) {
        MemoryBus bus = new MemoryBus();
        bus.putFlash32(0, 0x2001_0000);
        bus.putFlash32(4, 0x0800_0009);
        int at = 8;
        // loop: a mix of 16- and 32-bit data processing, loads and stores, then a backward branch
        int[] body = {0x1C40, 0x1849, 0x4050, 0xEA4F, 0x0312, 0x6800 | 0, 0x9000, 0x4288, 0xF100, 0x0401,
            0x1A8B, 0x0052, 0x4613, 0xFB00, 0xF401};
        // Program: r0 = sp-relative pointer setup
        bus.putFlash16(at, 0x466E); // mov r6, sp
        at += 2;
        bus.putFlash16(at, 0x3E40); // subs r6, #64
        at += 2;
        int loop = at;
        int[] seq = {
            0x1C40, // adds r0, r0, #1
            0x1849, // adds r1, r1, r1
            0x4050, // eors r0, r2
            0xEA4F, 0x0312, // mov.w r3, r2, lsr #4... (lsr)
            0x6834, // ldr r4, [r6]
            0x6075, // str r5, [r6, #4]
            0x4288, // cmp r0, r1
            0xF100, 0x0401, // add.w r4, r0, #1
            0x1A8B, // subs r3, r1, r2
            0x0052, // lsls r2, r2, #1
            0x4613, // mov r3, r2
            0xFB00, 0xF401, // mul r4, r0, r1
            0x68B7, // ldr r7, [r6, #8]
            0xBF18, // it ne
            0x3201, // addne r2, #1
        };
        for (int i = 0; i < 8; i++) {
            for (int h : seq) {
                bus.putFlash16(at, h);
                at += 2;
            }
        }
        int offset = loop - (at + 4);
        bus.putFlash16(at, 0xE000 | ((offset >> 1) & 0x7FF)); // b loop
        CortexM core = new CortexM(bus, true);
        core.reset();
        for (int round = 0; round < 8; round++) {
            long i0 = core.instructions();
            long t0 = System.nanoTime();
            core.run(400_000_000L);
            long t1 = System.nanoTime();
            long n = core.instructions() - i0;
            System.out.printf("round %d: %.1f M instructions/s (%d instructions, state %s)%n", round,
                    n * 1e3 / (t1 - t0), n, core.state());
        }
    }
}
