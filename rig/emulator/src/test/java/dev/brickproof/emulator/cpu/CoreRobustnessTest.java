package dev.brickproof.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.testng.annotations.Test;

/** Random code, self-modifying code, cache invalidation and snapshots: nothing escapes, nothing goes stale. */
public class CoreRobustnessTest {

    /** Vector table at 0: SP, reset at 0x100, every other handler at a "b ." at 0xF0. */
    private static MemoryBus busWithVectors() {
        MemoryBus bus = new MemoryBus();
        bus.putFlash32(0, 0x2001_0000);
        bus.putFlash32(4, 0x0800_0101);
        for (int n = 2; n < 48; n++) {
            bus.putFlash32(4 * n, 0x0800_00F1);
        }
        bus.putFlash16(0xF0, 0xE7FE); // b .
        return bus;
    }

    @Test
    public void randomInstructionStreamsNeverThrowOutOfTheCore() {
        Random random = new Random(42);
        for (boolean m4 : new boolean[] {false, true}) {
            for (int program = 0; program < 300; program++) {
                MemoryBus bus = busWithVectors();
                for (int i = 0; i < 512; i += 2) {
                    bus.putFlash16(0x100 + i, random.nextInt(0x10000));
                }
                // registers pointing at RAM make loads and stores land somewhere real now and then
                CortexM core = new CortexM(bus, m4);
                core.reset();
                for (int reg = 0; reg < 13; reg++) {
                    core.setReg(reg, random.nextBoolean() ? 0x2000_4000 : random.nextInt());
                }
                core.setReg(14, 0xFFFF_FFFF);
                for (int slice = 0; slice < 20 && core.state() != CoreState.LOCKED_UP; slice++) {
                    core.run(200);
                    if (core.state() == CoreState.SLEEPING) {
                        core.setNmiPending();
                    }
                }
                assertThat(core.haltReason() == null ? "" : core.haltReason())
                        .as("program %d on %s", program, m4 ? "M4" : "M3")
                        .doesNotStartWith("emulator error");
            }
        }
    }

    @Test
    public void storesIntoRamHoldingDecodedCodeTakeEffectAtOnce() {
        MemoryBus bus = busWithVectors();
        // flash at 0x100: r0 = 0x20000000; call RAM code; patch its first instruction; call again; b .
        int[] program = {
            0xF04F, 0x5000, // mov.w r0, #0x20000000
            0xF040, 0x0101, // orr r1, r0, #1
            0x4788,         // blx r1          -> r2 = 1
            0x4614,         // mov r4, r2
            0xF242, 0x2307, // movw r3, #0x2207 (movs r2, #7)
            0x8003,         // strh r3, [r0]
            0x4788,         // blx r1          -> r2 = 7
            0xE7FE,         // b .
        };
        for (int i = 0; i < program.length; i++) {
            bus.putFlash16(0x100 + 2 * i, program[i]);
        }
        bus.write16(0x2000_0000, 0x2201); // movs r2, #1
        bus.write16(0x2000_0002, 0x4770); // bx lr
        CortexM core = new CortexM(bus, false);
        core.reset();
        core.run(200);
        assertThat(core.reg(4)).isEqualTo(1);
        assertThat(core.reg(2)).isEqualTo(7);
    }

    @Test
    public void invalidateCodeDropsStaleDecodedInstructions() {
        MemoryBus bus = busWithVectors();
        bus.putFlash16(0x100, 0x2005); // movs r0, #5
        bus.putFlash16(0x102, 0xE7FE); // b .
        CortexM core = new CortexM(bus, false);
        core.reset();
        core.run(100);
        assertThat(core.reg(0)).isEqualTo(5);
        long fetches = bus.fetches;
        core.setReg(15, 0x0800_0100);
        core.run(100);
        assertThat(bus.fetches).as("decoded once, then served from the cache").isEqualTo(fetches);
        bus.putFlash16(0x100, 0x2009); // movs r0, #9 (flash reprogrammed behind the core's back)
        core.setReg(15, 0x0800_0100);
        core.run(100);
        assertThat(core.reg(0)).as("stale until invalidated").isEqualTo(5);
        core.invalidateCode(0x0800_0100, 2);
        core.setReg(15, 0x0800_0100);
        core.run(100);
        assertThat(core.reg(0)).isEqualTo(9);
    }

    @Test
    public void restoringASnapshotReplaysTheSameExecution() {
        MemoryBus bus = MemoryBus.withImage("/cpu/corpus-m4-O2.bin");
        CortexM core = new CortexM(bus, true);
        core.reset();
        core.run(20_000);
        CoreSnapshot snapshot = core.snapshot();
        byte[] ram = bus.ram.clone();
        core.run(30_000);
        int[] first = registers(core);
        long cycles = core.cycles();
        long instructions = core.instructions();
        core.restore(snapshot);
        System.arraycopy(ram, 0, bus.ram, 0, ram.length);
        assertThat(core.cycles()).isEqualTo(snapshot.cycles());
        core.run(30_000);
        assertThat(registers(core)).isEqualTo(first);
        assertThat(core.cycles()).isEqualTo(cycles);
        assertThat(core.instructions()).isEqualTo(instructions);
    }

    private static int[] registers(CortexM core) {
        int[] regs = new int[19];
        for (int i = 0; i < 16; i++) {
            regs[i] = core.reg(i);
        }
        regs[16] = core.xpsr();
        regs[17] = core.msp();
        regs[18] = core.psp();
        return regs;
    }

    @Test
    public void anUndefinedSixteenBitEncodingRaisesUsageFaultNamingItsAddress() {
        MemoryBus bus = busWithVectors();
        bus.putFlash16(0x100, 0xDE42); // udf #0x42
        CortexM core = new CortexM(bus, false);
        StringBuilder seen = new StringBuilder();
        core.setFaultListener((kind, pc, detail) -> seen.append(kind).append(':').append(detail).append('\n'));
        core.reset();
        core.run(100);
        assertThat(seen.toString()).contains("usagefault:undefined instruction at PC=0x08000100 encoding=0xDE42")
                .contains("hardfault:escalated");
        assertThat(core.hfsr()).isEqualTo(1 << 30);
        assertThat(core.cfsr()).isEqualTo(1 << 16);
        assertThat(core.reg(15)).isEqualTo(0x0800_00F0);
        assertThat(core.xpsr() & 0x1FF).isEqualTo(3);
    }
}
