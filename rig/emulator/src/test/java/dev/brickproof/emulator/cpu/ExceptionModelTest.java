package dev.brickproof.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.Test;

/** Exception entry/return, NVIC, SysTick, faults, lock-up, sleep and reset requests on assembled programs. */
public class ExceptionModelTest {

    @Test
    public void exceptionsEnterAndReturnThroughTheNvicAsOnSilicon() {
        TestImage t = TestImage.started("asm-exceptions").runToEnd();
        assertThat(t.done()).as("state %s %s faults %s unexpected handler %s", t.core.state(), t.core.haltReason(),
                t.faults, t.result(63)).isTrue();
        assertThat(t.result(0)).as("SVC returns r0 + 1 through the stacked frame").isEqualTo(43);
        assertThat(t.result(1)).isEqualTo(0x44444444);
        assertThat(t.result(2)).as("EXC_RETURN thread/MSP").isEqualTo(0xFFFFFFF9);
        assertThat(t.result(3)).as("PendSV taken once").isEqualTo(1);
        assertThat(t.result(4)).as("SysTick CTRL after stop and a COUNTFLAG-clearing read").isZero();
        assertThat(t.result(5)).as("log length while BASEPRI / after / while PRIMASK / after")
                .isEqualTo(0x06050504);
        assertThat(new int[] {t.result(32), t.result(33), t.result(34), t.result(35), t.result(36), t.result(37)})
                .as("IRQ1 preempts IRQ0, IRQ2 waits for IRQ0 to finish")
                .containsExactly(0x10, 17, 0x11, 18, 18, 17);
        assertThat(t.result(6)).as("SVC through the relocated vector table").isEqualTo(0x5A5A);
        assertThat(t.result(7)).isEqualTo(0x20008000);
        assertThat(t.result(8)).as("handler SP realigned to 8 bytes").isEqualTo(0x2000FFD8);
        assertThat(t.result(9) & 0x0100_0200).as("stacked xPSR has T and the realignment bit").isEqualTo(0x0100_0200);
        assertThat(t.result(10)).as("SP restored after realigned frame").isZero();
        assertThat(t.result(11)).as("PSP after SVC from thread mode on PSP").isEqualTo(0x20006000);
        assertThat(t.result(13)).as("EXC_RETURN thread/PSP").isEqualTo(0xFFFFFFFD);
        assertThat(t.result(14)).isEqualTo(10);
        assertThat(t.result(12)).as("ICSR with nothing active or pending").isEqualTo(0x800);
        assertThat(t.faults).isEmpty();
    }

    @Test
    public void faultsReachTheirHandlersOrEscalateToHardFault() {
        TestImage t = TestImage.started("asm-faults").runToEnd();
        assertThat(t.done()).as("state %s %s faults %s", t.core.state(), t.core.haltReason(), t.faults).isTrue();
        int count = t.result(63);
        int[] log = new int[count];
        for (int i = 0; i < count; i++) {
            log[i] = t.result(32 + i);
        }
        assertThat(log).containsExactly(
                0x38010000, // UDF, UsageFault disabled: HardFault FORCED + UNDEFINSTR
                0x60010000, // UDF, UsageFault enabled
                0x38008200, 0x30000000, // load bus error escalated, BFAR
                0x50008200, 0x30000010, // store bus error, BusFault handler, BFAR
                0x62000000, // DIVBYZERO
                0x61000000, // UNALIGNED LDM
                0x40000001, // IACCVIOL: execute-never region
                0x50000100); // IBUSERR: nothing mapped
        assertThat(t.result(0)).as("UDIV by zero without DIV_0_TRP").isZero();
        assertThat(t.faults).anyMatch(f -> f.startsWith("hardfault")).anyMatch(f -> f.startsWith("busfault"));
    }

    @Test
    public void aFaultInTheHardFaultHandlerLocksTheCoreUp() {
        TestImage t = TestImage.started("asm-lockup").runToEnd();
        assertThat(t.core.state()).isEqualTo(CoreState.LOCKED_UP);
        assertThat(t.result(0)).isEqualTo(1);
        assertThat(t.result(1)).isEqualTo(2);
        assertThat(t.core.haltReason()).contains("lockup at PC=0x08").contains("undefined instruction");
        assertThat(t.faults).anyMatch(f -> f.startsWith("lockup"));
        assertThat(t.core.run(1000)).as("a locked-up core does not run").isZero();
    }

    @Test
    public void aFailingResetVectorFetchLocksTheCoreUp() {
        MemoryBus memory = new MemoryBus();
        Bus nothing = new Bus() {
            @Override public int read8(int a) { return memory.read8(a); }
            @Override public int read16(int a) { return memory.read16(a); }
            @Override public int read32(int a) { throw new BusFault(a, false, "no boot memory"); }
            @Override public void write8(int a, int v) { memory.write8(a, v); }
            @Override public void write16(int a, int v) { memory.write16(a, v); }
            @Override public void write32(int a, int v) { memory.write32(a, v); }
        };
        CortexM core = new CortexM(nothing, false);
        core.reset();
        assertThat(core.state()).isEqualTo(CoreState.LOCKED_UP);
        assertThat(core.haltReason()).contains("reset vector");
    }

    @Test
    public void wfiSleepsUntilAnInterruptAndTheSysTickWakesAFastForwardedCore() {
        TestImage t = TestImage.started("asm-wfi");
        t.core.run(10_000);
        assertThat(t.core.state()).isEqualTo(CoreState.SLEEPING);
        assertThat(t.core.run(10_000)).as("nothing to do while asleep").isZero();
        t.core.setIrqPending(5);
        assertThat(t.core.state()).isEqualTo(CoreState.RUNNING);
        t.core.run(10_000);
        assertThat(t.core.state()).as("second WFI with PRIMASK set").isEqualTo(CoreState.SLEEPING);
        assertThat(t.result(0)).isEqualTo(1);
        t.core.setIrqPending(5);
        assertThat(t.core.state()).as("pending IRQ wakes WFI even with PRIMASK").isEqualTo(CoreState.RUNNING);
        t.core.run(10_000);
        assertThat(t.core.state()).as("third WFI waits for SysTick").isEqualTo(CoreState.SLEEPING);
        assertThat(t.result(1)).isEqualTo(1);
        assertThat(t.result(2)).isEqualTo(2);
        assertThat(t.result(3)).isEqualTo(0x5E);
        long next = t.core.nextEventInCycles();
        assertThat(next).isBetween(9_000L, 10_000L);
        long before = t.core.cycles();
        t.core.advanceIdle(next);
        assertThat(t.core.cycles()).isEqualTo(before + next);
        assertThat(t.core.state()).isEqualTo(CoreState.RUNNING);
        t.runToEnd();
        assertThat(t.done()).isTrue();
        assertThat(t.result(4)).isEqualTo(1);
        assertThat(t.core.nextEventInCycles()).as("SysTick stopped by the handler").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    public void sleepOnExitPutsTheCoreBackToSleepAfterTheLastHandler() {
        TestImage t = TestImage.started("asm-sleeponexit");
        t.core.run(10_000);
        assertThat(t.core.state()).isEqualTo(CoreState.SLEEPING);
        assertThat(t.result(0)).isEqualTo(1);
        assertThat(t.core.xpsr() & 0x1FF).as("back in thread mode").isZero();
        assertThat(t.core.scr()).isEqualTo(2);
        t.core.setIrqPending(0);
        t.runToEnd();
        assertThat(t.result(0)).isEqualTo(2);
        assertThat(t.done()).isTrue();
        assertThat(t.result(1)).isEqualTo(0xEE);
    }

    @Test
    public void aircrSystemResetRequestIsLatchedOnceAndIdentificationRegistersReadBack() {
        TestImage t = TestImage.started("asm-reset").runToEnd();
        assertThat(t.done()).as("faults %s", t.faults).isTrue();
        assertThat(t.result(0)).isEqualTo(0x410FC241);
        assertThat(t.result(1)).isEqualTo(0xFA050300);
        assertThat(t.result(2)).isEqualTo(0xFA050300);
        assertThat(t.result(3)).as("DWT CYCCNT over a 100-iteration loop").isBetween(300, 600);
        assertThat(t.result(4)).isEqualTo(2);
        assertThat(t.result(5)).isEqualTo(0xF0E00000);
        assertThat(t.result(6)).isEqualTo(0x50000000);
        assertThat(t.core.takeSystemResetRequest()).isTrue();
        assertThat(t.core.takeSystemResetRequest()).isFalse();
        TestImage m3 = new TestImage("asm-reset", false).runToEnd();
        assertThat(m3.result(0)).isEqualTo(0x411FC231);
    }

    @Test
    public void resetRestoresTheVectorTableStartAndClearsTheNvic() {
        TestImage t = TestImage.started("asm-exceptions").runToEnd();
        t.core.setIrqPending(3);
        t.core.reset();
        assertThat(t.core.reg(15)).isEqualTo(t.bus.read32(4) & ~1);
        assertThat(t.core.reg(13)).isEqualTo(0x20010000);
        assertThat(t.core.isPending(16 + 3)).isFalse();
        assertThat(t.core.vtor()).isZero();
        assertThat(t.core.xpsr()).isEqualTo(0x0100_0000);
    }

    @Test
    public void anFpuInstructionFaultsWithNocpUntilCp10IsEnabledAndThenExecutes() {
        TestImage t = TestImage.started("asm-fpu").runToEnd();
        assertThat(t.done()).as("state %s %s faults %s", t.core.state(), t.core.haltReason(), t.faults).isTrue();
        assertThat(t.result(0)).as("CFSR.NOCP").isEqualTo(1 << 19);
        assertThat(t.result(1)).as("1.5f + 0.25f").isEqualTo(Float.floatToIntBits(1.75f));
        assertThat(t.result(2)).as("CONTROL.FPCA after the first floating-point instruction").isEqualTo(4);
        assertThat(t.faults).hasSize(1).allMatch(f -> f.startsWith("usagefault") && f.contains("CP10/CP11"));

        TestImage m3 = new TestImage("asm-fpu", false).runToEnd();
        assertThat(m3.done()).as("Cortex-M3 has no FPU: every one faults with NOCP, %s", m3.faults).isTrue();
        assertThat(m3.faults).hasSize(5).allMatch(f -> f.startsWith("usagefault"));
        assertThat(m3.result(2)).as("no FPCA on the Cortex-M3").isZero();
    }

    @Test
    public void exceptionsStackTheFloatingPointContextLazilyAndRestoreItOnReturn() {
        TestImage t = TestImage.started("asm-fpcontext").runToEnd();
        assertThat(t.done()).as("state %s %s faults %s unexpected handler %s", t.core.state(), t.core.haltReason(),
                t.faults, t.result(63)).isTrue();
        int sp = t.result(1);
        int frame = t.result(6);
        assertThat(t.result(0)).as("CONTROL.FPCA after the first FP instruction").isEqualTo(4);
        assertThat(frame).as("extended frame of 0x68 bytes, realigned to 8").isEqualTo((sp - 0x68) & ~7);
        assertThat(t.result(2)).as("EXC_RETURN: thread, MSP, extended frame").isEqualTo(0xFFFFFFE9);
        assertThat(t.result(3)).as("CONTROL.FPCA cleared on entry").isZero();
        assertThat(t.result(4)).as("FPCCR: ASPEN LSPEN HFRDY THREAD LSPACT").isEqualTo(0xC0000019);
        assertThat(t.result(5)).as("FPCAR").isEqualTo(frame + 0x20);
        assertThat(t.result(7)).as("S0 not stored before the handler's first FP instruction").isEqualTo(0xDEADBEEF);
        assertThat(t.result(8)).as("S0 stored lazily").isEqualTo(Float.floatToIntBits(1.0f));
        assertThat(t.result(9)).as("FPSCR stored lazily").isEqualTo(0x00C00000);
        assertThat(t.result(20)).as("S15 stored lazily").isEqualTo(Float.floatToIntBits(-3.0f));
        assertThat(t.result(16)).as("the handler's new context takes FPDSCR").isEqualTo(0x02000000);
        assertThat(t.result(17)).as("FPCCR.LSPACT cleared by the preservation").isEqualTo(0xC0000018);
        assertThat(t.result(18)).as("FPCA set again in the handler").isEqualTo(4);
        assertThat(t.result(19) & (1 << 9)).as("stacked xPSR bit 9: realigned").isNotZero();
        assertThat(t.result(10)).as("SP restored").isEqualTo(sp);
        assertThat(t.result(11)).as("S0 restored").isEqualTo(Float.floatToIntBits(1.0f));
        assertThat(t.result(12)).as("S15 restored").isEqualTo(Float.floatToIntBits(-3.0f));
        assertThat(t.result(13)).as("FPSCR restored").isEqualTo(0x00C00000);
        assertThat(t.result(14)).as("FPCA restored from EXC_RETURN bit 4").isEqualTo(4);
        assertThat(t.result(15) & 1).as("LSPACT after return").isZero();

        assertThat(t.result(21)).as("eager stacking: EXC_RETURN").isEqualTo(0xFFFFFFE9);
        assertThat(t.result(22)).as("eager stacking: S1 in the frame at entry").isEqualTo(Float.floatToIntBits(0.5f));
        assertThat(t.result(23)).as("eager stacking: S1 restored").isEqualTo(Float.floatToIntBits(0.5f));

        assertThat(t.result(24)).as("no FP context: basic frame EXC_RETURN").isEqualTo(0xFFFFFFF9);
        assertThat(t.result(25)).as("no FP context: 0x20 bytes").isEqualTo(0x20);
        assertThat(t.result(26)).as("FPCA stays clear").isZero();

        assertThat(t.result(27)).as("nested: EXC_RETURN handler mode, extended frame").isEqualTo(0xFFFFFFE1);
        assertThat(t.result(28)).as("nested: S2 not stored before IRQ0's first FP instruction")
                .isNotEqualTo(Float.floatToIntBits(1.5f));
        assertThat(t.result(30)).as("nested: S2 stored lazily").isEqualTo(Float.floatToIntBits(1.5f));
        assertThat(t.result(29)).as("nested: the SVC handler's S2 restored").isEqualTo(Float.floatToIntBits(1.5f));
        assertThat(t.faults).isEmpty();
    }

    @Test
    public void anExtendedExcReturnIsInvalidWithoutAnFpu() {
        TestImage m3 = new TestImage("asm-fpcontext", false).runToEnd();
        assertThat(m3.done()).as("the M3 faults on every FP instruction instead").isFalse();
        assertThat(m3.faults).anyMatch(f -> f.contains("coprocessor 10"));
    }

    @Test
    public void aSnapshotCarriesTheFloatingPointState() {
        TestImage t = TestImage.started("asm-fpcontext");
        t.core.setFpRegister(7, 0x12345678);
        t.core.setFpscr(0x00400000);
        CoreSnapshot s = t.core.snapshot();
        t.core.setFpRegister(7, 0);
        t.core.setFpscr(0);
        t.core.restore(s);
        assertThat(t.core.fpRegister(7)).isEqualTo(0x12345678);
        assertThat(t.core.fpscr()).isEqualTo(0x00400000);
    }

    @Test
    public void privilegedOnlyCpacrAccessFaultsUnprivilegedFloatingPointCodeWithNocp() {
        TestImage t = TestImage.started("asm-fpu-priv").runToEnd();
        assertThat(t.done()).as("state %s %s faults %s", t.core.state(), t.core.haltReason(), t.faults).isTrue();
        assertThat(t.result(0)).as("privileged code may use the FPU").isEqualTo(Float.floatToIntBits(2.0f));
        assertThat(t.result(1)).as("both unprivileged FP instructions fault").isEqualTo(2);
        assertThat(t.result(2)).as("CFSR.NOCP").isEqualTo(1 << 19);
        assertThat(t.faults).allMatch(f -> f.contains("to unprivileged code"));
    }
}
