package dev.brickproof.emulator.soc;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.Test;

/** A timer as a HAL time base: the update event, UIF/UIE, preloads, one-pulse mode. */
public class TimeBaseTimerTest {
    private static final int IRQ = 54;

    private static TimeBaseTimer timer(FakeContext ctx, long hz) {
        return new TimeBaseTimer("TIM6", 0x4000_1000, IRQ, ctx, () -> hz);
    }

    /** HAL_InitTick on a timer: 1 MHz counter (PSC), 1 ms period (ARR), UG to load, UIE, CEN. */
    private static void halInitTick(TimeBaseTimer t, long hz) {
        t.write(TimeBaseTimer.PSC, (int) (hz / 1_000_000 - 1), 4);
        t.write(TimeBaseTimer.ARR, 999, 4);
        t.write(TimeBaseTimer.EGR, 1, 4);
        t.write(TimeBaseTimer.SR, 0, 4);                             // HAL clears the UG-caused UIF
        t.write(TimeBaseTimer.DIER, 1, 4);
        t.write(TimeBaseTimer.CR1, 1, 4);
    }

    @Test
    public void updateEveryMillisecondSetsUifAndRaisesTheInterrupt() {
        FakeContext ctx = new FakeContext();
        TimeBaseTimer t = timer(ctx, 80_000_000);
        assertThat(t.read(TimeBaseTimer.ARR)).isEqualTo(0xFFFF);
        assertThat(t.nextEventPs()).isEqualTo(Long.MAX_VALUE);      // off after reset
        halInitTick(t, 80_000_000);
        assertThat(t.nextEventPs()).isEqualTo(FakeContext.MS);
        ctx.advance(t, FakeContext.MS - 1);
        assertThat(t.read(TimeBaseTimer.SR) & 1).isZero();
        assertThat(t.read(TimeBaseTimer.CNT)).isEqualTo(999);
        ctx.advance(t, 1);
        assertThat(t.read(TimeBaseTimer.SR) & 1).isEqualTo(1);
        assertThat(ctx.irqs.get(IRQ)).isTrue();
        assertThat(t.read(TimeBaseTimer.CNT)).isZero();
        t.write(TimeBaseTimer.SR, ~1, 4);                            // write 0 clears UIF
        assertThat(ctx.irqs.get(IRQ)).isFalse();
        ctx.advance(t, 250 * FakeContext.US);
        assertThat(t.read(TimeBaseTimer.CNT)).isEqualTo(250);
        ctx.advance(t, 750 * FakeContext.US);
        assertThat(ctx.irqs.get(IRQ)).isTrue();
        assertThat(t.nextEventPs()).isEqualTo(3 * FakeContext.MS);   // no drift: exact tick arithmetic
    }

    @Test
    public void prescalerIsPreloadedUntilTheNextUpdateAndArrWithArpe() {
        FakeContext ctx = new FakeContext();
        TimeBaseTimer t = timer(ctx, 1_000_000);
        t.write(TimeBaseTimer.ARR, 9, 4);                            // no ARPE: active at once
        t.write(TimeBaseTimer.CR1, 1, 4);
        assertThat(t.nextEventPs()).isEqualTo(10 * FakeContext.US);
        t.write(TimeBaseTimer.PSC, 1, 4);                            // /2 from the next update
        ctx.advance(t, 10 * FakeContext.US);
        assertThat(t.nextEventPs()).isEqualTo(30 * FakeContext.US);
        t.write(TimeBaseTimer.CR1, 1 | 1 << 7, 4);                   // ARPE
        t.write(TimeBaseTimer.ARR, 4, 4);                            // preloaded
        assertThat(t.nextEventPs()).isEqualTo(30 * FakeContext.US);
        ctx.advance(t, 20 * FakeContext.US);
        assertThat(t.nextEventPs()).isEqualTo(40 * FakeContext.US);
    }

    @Test
    public void onePulseModeStopsAfterOneUpdateAndUdisSuppressesTheFlag() {
        FakeContext ctx = new FakeContext();
        TimeBaseTimer t = timer(ctx, 1_000_000);
        t.write(TimeBaseTimer.ARR, 99, 4);
        t.write(TimeBaseTimer.CR1, 1 | 1 << 3, 4);                   // CEN | OPM
        ctx.advance(t, 100 * FakeContext.US);
        assertThat(t.read(TimeBaseTimer.CR1) & 1).isZero();
        assertThat(t.nextEventPs()).isEqualTo(Long.MAX_VALUE);
        t.write(TimeBaseTimer.SR, 0, 4);
        t.write(TimeBaseTimer.CR1, 1 | 1 << 1, 4);                   // CEN | UDIS
        ctx.advance(t, 100 * FakeContext.US);
        assertThat(t.read(TimeBaseTimer.SR) & 1).isZero();
    }

    @Test
    public void aResetStopsTheTimerAndClearsEverything() {
        FakeContext ctx = new FakeContext();
        TimeBaseTimer t = timer(ctx, 72_000_000);
        halInitTick(t, 72_000_000);
        t.reset(ResetCause.PERIPHERAL);
        assertThat(t.nextEventPs()).isEqualTo(Long.MAX_VALUE);
        assertThat(t.read(TimeBaseTimer.PSC)).isZero();
        assertThat(t.read(TimeBaseTimer.DIER)).isZero();
        assertThat(ctx.irqs.get(IRQ)).isFalse();
    }
}
