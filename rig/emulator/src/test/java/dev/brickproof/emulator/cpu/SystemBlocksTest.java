package dev.brickproof.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.Test;

/** NVIC priority grouping, SysTick clocking and exception corner cases driven from Java. */
public class SystemBlocksTest {

    @Test
    public void priorityGroupingDecidesWhetherAPendingInterruptPreempts() {
        Nvic nvic = new Nvic(4);
        nvic.setPriority(16, 0x60);
        nvic.setPriority(17, 0x4F);
        assertThat(nvic.priority[17]).as("only the upper nibble is implemented").isEqualTo(0x40);
        nvic.priorityGroup = 3; // 4 group bits, no subpriority
        assertThat(nvic.groupPriorityOf(17)).isLessThan(nvic.groupPriorityOf(16));
        nvic.priorityGroup = 5; // group bits [7:6]
        assertThat(nvic.groupPriorityOf(17)).isEqualTo(nvic.groupPriorityOf(16)).isEqualTo(0x40);
        nvic.priorityGroup = 7; // no group bits at all
        assertThat(nvic.groupPriorityOf(16)).isZero();
        nvic.pending[16] = true;
        nvic.pending[17] = true;
        nvic.enabled[16] = true;
        nvic.enabled[17] = true;
        assertThat(nvic.highestPending()).as("subpriority still orders pending exceptions").isEqualTo(17);
        nvic.setPriority(17, 0x60);
        assertThat(nvic.highestPending()).as("equal priority: lowest number first").isEqualTo(16);
    }

    @Test
    public void sysTickCountsCoreCyclesOrCoreCyclesOverEight() {
        SysTick core = new SysTick(9000);
        core.write(0x4, 99, 0);
        core.write(0x8, 0, 0);
        core.write(0x0, SysTick.ENABLE | SysTick.TICKINT | SysTick.CLKSOURCE, 0);
        assertThat(core.nextFireCycle()).isEqualTo(100);
        assertThat(core.value(1)).isEqualTo(99);
        assertThat(core.value(50)).isEqualTo(50);
        assertThat(core.catchUp(99)).isFalse();
        assertThat(core.catchUp(100)).isTrue();
        assertThat(core.read(0x0, 100) & SysTick.COUNTFLAG).isNotZero();
        assertThat(core.read(0x0, 100) & SysTick.COUNTFLAG).as("COUNTFLAG clears on read").isZero();
        assertThat(core.nextFireCycle()).isEqualTo(200);
        assertThat(core.catchUp(1_000_050)).as("many periods at once pend once").isTrue();
        assertThat(core.nextFireCycle()).isEqualTo(1_000_100);

        SysTick divided = new SysTick(9000);
        divided.write(0x4, 99, 0);
        divided.write(0x0, SysTick.ENABLE | SysTick.TICKINT, 0);
        assertThat(divided.nextFireCycle()).isEqualTo(800);
        assertThat(divided.value(80)).isEqualTo(90);
        divided.write(0x0, 0, 400);
        assertThat(divided.nextFireCycle()).isEqualTo(Long.MAX_VALUE);
        assertThat(divided.value(10_000)).as("stopped counter holds its value").isEqualTo(50);
    }

    private static MemoryBus busWithVectors() {
        MemoryBus bus = new MemoryBus();
        bus.putFlash32(0, 0x2001_0000);
        bus.putFlash32(4, 0x0800_0101);
        for (int n = 2; n < 48; n++) {
            bus.putFlash32(4 * n, 0x0800_00F1);
        }
        bus.putFlash16(0xF0, 0xE7FE); // b .
        bus.putFlash16(0x100, 0xE7FE); // b .
        return bus;
    }

    @Test
    public void nmiPreemptsEvenWithPrimaskAndFaultmask() {
        MemoryBus bus = busWithVectors();
        bus.putFlash16(0x100, 0xB672); // cpsid i
        bus.putFlash16(0x102, 0xB671); // cpsid f
        bus.putFlash16(0x104, 0xE7FE); // b .
        CortexM core = new CortexM(bus, false);
        core.reset();
        core.run(50);
        assertThat(core.primask()).isEqualTo(1);
        assertThat(core.faultmask()).isEqualTo(1);
        core.setNmiPending();
        core.run(50);
        assertThat(core.xpsr() & 0x1FF).isEqualTo(2);
        assertThat(core.isActive(2)).isTrue();
        assertThat(core.reg(14)).isEqualTo(0xFFFFFFF9);
    }

    @Test
    public void returningFromAnExceptionThatIsNotActiveIsAnInvalidPcUsageFault() {
        MemoryBus bus = busWithVectors();
        bus.putFlash16(0x100, 0x4770); // bx lr
        CortexM core = new CortexM(bus, false);
        core.reset();
        core.setXpsr(0x0100_000B); // handler mode "in SVCall" that was never entered
        core.setReg(14, 0xFFFF_FFF9);
        core.run(50);
        assertThat(core.cfsr()).isEqualTo(1 << 18);
        assertThat(core.hfsr()).isEqualTo(1 << 30);
        assertThat(core.xpsr() & 0x1FF).isEqualTo(3);
    }

    @Test
    public void aStackingBusErrorTakesHardFaultWithStkerr() {
        MemoryBus bus = busWithVectors();
        bus.putFlash16(0x100, 0xDF00); // svc #0
        CortexM core = new CortexM(bus, false);
        core.reset();
        core.setReg(13, 0x3000_0100); // nothing there
        core.run(50);
        assertThat(core.state()).isEqualTo(CoreState.RUNNING);
        assertThat(core.cfsr() & (1 << 12)).as("STKERR").isNotZero();
        assertThat(core.xpsr() & 0x1FF).isEqualTo(3);
        assertThat(core.isPending(11)).as("the SVCall stays pending").isTrue();
    }

    @Test
    public void anUnprivilegedThreadCannotTouchTheSystemControlSpace() {
        MemoryBus bus = busWithVectors();
        int[] code = {
            0x2001,         // movs r0, #1
            0xF380, 0x8814, // msr CONTROL, r0   (unprivileged)
            0x4902,         // ldr r1, [pc, #8]  (VTOR address)
            0x680A,         // ldr r2, [r1]      -> BusFault (escalated)
            0xE7FE,         // b .
            0x0000, 0x0000,
            0xED08, 0xE000, // 0x110: .word 0xE000ED08
        };
        for (int i = 0; i < code.length; i++) {
            bus.putFlash16(0x100 + 2 * i, code[i]);
        }
        CortexM core = new CortexM(bus, false);
        core.reset();
        StringBuilder faults = new StringBuilder();
        core.setFaultListener((kind, pc, detail) -> faults.append(detail));
        core.run(100);
        assertThat(core.cfsr()).isEqualTo((1 << 9) | (1 << 15)); // PRECISERR | BFARVALID
        assertThat(faults.toString()).contains("0xE000ED08").contains("unprivileged");
        assertThat(core.xpsr() & 0x1FF).isEqualTo(3);
    }
}
