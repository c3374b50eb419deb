package dev.brickproof.emulator.soc;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.Test;

/** EXTI edges and pending bits, USART IDLE and its error interrupt, the console pins. */
public class ExtiUsartIdleTest {

    /** EXTI over fake pins: port index → 16 levels; EXTICR from an array. */
    private static final class Pins {
        final int[] levels = new int[8];
        final int[] exticr = new int[4];
    }

    private static Exti exti(FakeContext ctx, Pins pins, boolean l4) {
        return new Exti(l4 ? SocFamily.L4 : SocFamily.F1, ctx, (port, pin) -> (pins.levels[port] >>> pin & 1) != 0, i -> pins.exticr[i]);
    }

    @Test
    public void aRisingEdgeOnTheSelectedPortPendsTheLineAndItsIrq() {
        FakeContext ctx = new FakeContext();
        Pins pins = new Pins();
        Exti e = exti(ctx, pins, false);
        pins.exticr[0] = 1;                                          // line 0 from port B
        e.write(Exti.RTSR, 1, 4);
        e.write(Exti.IMR, 1, 4);
        pins.levels[0] = 1;                                          // PA0 rises: not the selected port
        e.sample();
        assertThat(e.read(Exti.PR)).isZero();
        pins.levels[1] = 1;                                          // PB0 rises
        e.sample();
        assertThat(e.read(Exti.PR)).isEqualTo(1);
        assertThat(ctx.irqs.get(6)).isTrue();
        pins.levels[1] = 0;                                          // falling edge not selected
        e.write(Exti.PR, 1, 4);                                      // write 1 clears
        e.sample();
        assertThat(e.read(Exti.PR)).isZero();
        assertThat(ctx.irqs.get(6)).isFalse();
    }

    @Test
    public void fallingEdgesMaskingAndTheSharedIrqs() {
        FakeContext ctx = new FakeContext();
        Pins pins = new Pins();
        pins.levels[0] = 0xFFFF;
        Exti e = exti(ctx, pins, false);
        e.write(Exti.FTSR, 1 << 7 | 1 << 12, 4);                     // rebases: current levels are not edges
        e.write(Exti.IMR, 1 << 12, 4);
        assertThat(e.read(Exti.PR)).isZero();
        pins.levels[0] = 0;
        e.sample();
        assertThat(e.read(Exti.PR)).isEqualTo(1 << 12);              // line 7 masked: no pending bit
        assertThat(ctx.irqs.get(40)).isTrue();                       // EXTI15_10
        assertThat(ctx.irqs.get(23)).isFalse();
    }

    @Test
    public void softwareInterruptEventPendsAndClearsWithPr() {
        FakeContext ctx = new FakeContext();
        Exti e = exti(ctx, new Pins(), false);
        e.write(Exti.IMR, 1 << 5, 4);
        e.write(Exti.SWIER, 1 << 5, 4);
        assertThat(e.read(Exti.PR)).isEqualTo(1 << 5);
        assertThat(ctx.irqs.get(23)).isTrue();                       // EXTI9_5
        e.write(Exti.PR, 1 << 5, 4);
        assertThat(e.read(Exti.SWIER)).isZero();
        assertThat(ctx.irqs.get(23)).isFalse();
    }

    @Test
    public void l4ResetMasks() {
        Exti e = exti(new FakeContext(), new Pins(), true);
        assertThat(e.read(Exti.IMR)).isEqualTo(0xFF82_0000);
        assertThat(e.read(0x20)).isEqualTo(0x87);
    }

    private static Usart f1(FakeContext ctx, UartWire wire) {
        Usart u = new Usart("USART1", 0x4001_3800, Usart.Layout.F1, 37, ctx, () -> 8_000_000, wire, 115_200);
        u.write(0x08, 69, 4);
        u.write(0x0C, 1 << 13 | 1 << 3 | 1 << 2, 4);
        return u;
    }

    @Test
    public void idleRisesOneFrameAfterTheLastByteAndOnlyOncePerReception() {
        FakeContext ctx = new FakeContext();
        UartWire wire = new UartWire();
        Usart u = f1(ctx, wire);
        long frame = u.frameTimePs();
        assertThat(u.nextEventPs()).isEqualTo(Long.MAX_VALUE);       // no IDLE before anything was received
        wire.send(new byte[] {'a', 'b'});
        u.takeFromHost(ctx.now);
        ctx.advance(u, frame);
        assertThat(u.read(0x00) & Usart.IDLE).isZero();
        ctx.advance(u, frame);                                       // 'b' back to back: still no IDLE
        assertThat(u.read(0x00) & Usart.IDLE).isZero();
        ctx.advance(u, frame - 1);
        assertThat(u.read(0x00) & Usart.IDLE).isZero();
        ctx.advance(u, 1);
        assertThat(u.read(0x00) & Usart.IDLE).isEqualTo(Usart.IDLE);
        u.read(0x04);                                                // SR then DR clears it
        assertThat(u.read(0x00) & Usart.IDLE).isZero();
        ctx.advance(u, 10 * frame);
        assertThat(u.read(0x00) & Usart.IDLE).isZero();              // not again until a new byte
    }

    @Test
    public void idleInterruptAndTheL4ClearFlag() {
        FakeContext ctx = new FakeContext();
        UartWire wire = new UartWire();
        Usart u = new Usart("USART1", 0x4001_3800, Usart.Layout.L4, 37, ctx, () -> 4_000_000, wire, 115_200);
        u.write(0x0C, 35, 4);
        u.write(0x00, 1 | 1 << 2 | 1 << 3 | 1 << 4, 4);              // UE RE TE IDLEIE
        wire.send(new byte[] {'z'});
        u.takeFromHost(ctx.now);
        ctx.advance(u, 2 * u.frameTimePs());
        assertThat(u.read(0x1C) & Usart.IDLE).isEqualTo(Usart.IDLE);
        assertThat(ctx.irqs.get(37)).isTrue();
        u.write(0x20, Usart.IDLE, 4);                                // ICR.IDLECF
        assertThat(u.read(0x1C) & Usart.IDLE).isZero();
        assertThat(ctx.irqs.get(37)).isFalse();
    }

    @Test
    public void errorInterruptEnableSignalsOverrun() {
        FakeContext ctx = new FakeContext();
        UartWire wire = new UartWire();
        Usart u = f1(ctx, wire);
        u.write(0x14, 1, 4);                                         // CR3.EIE
        wire.send(new byte[] {1, 2});
        u.takeFromHost(ctx.now);
        ctx.advance(u, u.frameTimePs());
        assertThat(ctx.irqs.get(37)).isFalse();                      // RXNE alone: RXNEIE is off
        ctx.advance(u, u.frameTimePs());
        assertThat(u.read(0x00) & Usart.ORE).isNotZero();
        assertThat(ctx.irqs.get(37)).isTrue();
    }

    @Test
    public void bytesDoNotReachTheHostWhileTheConsolePinsAreNotSetUp() {
        FakeContext ctx = new FakeContext();
        UartWire wire = new UartWire();
        StringBuilder got = new StringBuilder();
        wire.onTransmit(b -> got.append((char) b));
        Usart u = f1(ctx, wire);
        Gpio a = new Gpio('A', 0x4001_0800, SocFamily.F1);
        Gpio b = new Gpio('B', 0x4001_0C00, SocFamily.F1);
        RegisterFile afio = new RegisterFile("AFIO", 0x4001_0000, 0x400, java.util.Map.of(), java.util.Map.of(),
                java.util.Map.of());
        u.setHostPins(new ConsolePins(SocFamily.F1, a, b, afio));
        u.write(0x04, 'x', 4);                                       // PA9 still a floating input
        ctx.advance(u, u.frameTimePs());
        a.write(0x04, 0x4444_44B4, 4);                               // PA9 AF push-pull
        u.write(0x04, 'y', 4);
        ctx.advance(u, u.frameTimePs());
        afio.write(0x04, 1 << 2, 4);                                 // USART1_REMAP: PB6 not set up yet
        u.write(0x04, 'z', 4);
        ctx.advance(u, u.frameTimePs());
        b.write(0x00, 0x4B44_4444, 4);                               // PB6 AF push-pull
        u.write(0x04, '!', 4);
        ctx.advance(u, u.frameTimePs());
        assertThat(got.toString()).isEqualTo("y!");
        assertThat(ctx.events).hasSize(1).allMatch(e -> e.contains("PA9"));  // reported once
    }
}
