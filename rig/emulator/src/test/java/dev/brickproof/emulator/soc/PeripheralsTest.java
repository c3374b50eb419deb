package dev.brickproof.emulator.soc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** USART wire timing and overrun, GPIO pulls and outputs, IWDG expiry, RCC clock tree. */
public class PeripheralsTest {

    private static Usart f1Usart(FakeContext ctx, long pclk, UartWire wire) {
        return new Usart("USART1", 0x4001_3800, Usart.Layout.F1, 37, ctx, () -> pclk, wire, 115_200);
    }

    @Test
    public void usartFrameTimeFollowsBrrAndTheFrameFormat() {
        FakeContext ctx = new FakeContext();
        Usart u = f1Usart(ctx, 72_000_000, new UartWire());
        u.write(0x08, 625, 4);                                      // 72 MHz / 625 = 115200
        u.write(0x0C, 1 << 13 | 1 << 3 | 1 << 2, 4);                // UE TE RE, 8N1
        assertThat(u.lineBaud()).isEqualTo(115_200);
        assertThat(u.frameBits()).isEqualTo(10);
        u.write(0x0C, 1 << 13 | 1 << 12 | 1 << 10 | 1 << 3 | 1 << 2, 4);   // M=1 + PCE: 8E1
        assertThat(u.frameBits()).isEqualTo(11);
        assertThat(u.frameTimePs()).isEqualTo(11 * 1_000_000_000_000L / 115_200);
    }

    @Test
    public void usartTransmitsAtTheLineRateWithTxeAndTc() {
        FakeContext ctx = new FakeContext();
        UartWire wire = new UartWire();
        List<Long> at = new ArrayList<>();
        wire.onTransmit(b -> at.add(ctx.now));
        Usart u = f1Usart(ctx, 8_000_000, wire);
        u.write(0x08, 69, 4);
        u.write(0x0C, 1 << 13 | 1 << 3 | 1 << 2, 4);
        u.write(0x04, 'a', 4);                                      // straight into the shift register
        assertThat(u.read(0x00) & (Usart.TXE | Usart.TC)).isEqualTo(Usart.TXE);
        u.write(0x04, 'b', 4);                                      // waits in TDR
        assertThat(u.read(0x00) & Usart.TXE).isZero();
        long frame = u.frameTimePs();
        ctx.advance(u, frame);
        assertThat(at).containsExactly(frame);
        assertThat(u.read(0x00) & Usart.TXE).isNotZero();
        ctx.advance(u, frame);
        assertThat(at).hasSize(2);
        assertThat(u.read(0x00) & Usart.TC).isNotZero();
    }

    @Test
    public void aByteArrivingWhileRxneIsSetIsLostWithOre() {
        FakeContext ctx = new FakeContext();
        UartWire wire = new UartWire();
        Usart u = f1Usart(ctx, 8_000_000, wire);
        u.write(0x08, 69, 4);
        u.write(0x0C, 1 << 13 | 1 << 5 | 1 << 3 | 1 << 2, 4);     // + RXNEIE
        wire.send(new byte[] {'x', 'y'});
        u.takeFromHost(ctx.now);
        assertThat(wire.pendingToBoard()).isEqualTo(2);
        ctx.advance(u, u.frameTimePs());
        assertThat(u.read(0x00) & Usart.RXNE).isNotZero();
        assertThat(ctx.irqs.get(37)).isTrue();
        ctx.advance(u, u.frameTimePs());
        assertThat(u.read(0x00) & (Usart.RXNE | Usart.ORE)).isEqualTo(Usart.RXNE | Usart.ORE);
        assertThat(u.read(0x04)).isEqualTo('x');
        assertThat(u.read(0x00) & (Usart.RXNE | Usart.ORE)).isZero();
        assertThat(ctx.irqs.get(37)).isFalse();
    }

    @Test
    public void l4OverrunIsClearedThroughIcr() {
        FakeContext ctx = new FakeContext();
        UartWire wire = new UartWire();
        Usart u = new Usart("USART1", 0x4001_3800, Usart.Layout.L4, 37, ctx, () -> 4_000_000, wire, 115_200);
        u.write(0x0C, 35, 4);
        u.write(0x00, 1 | 1 << 2 | 1 << 3, 4);
        assertThat(u.read(0x1C) & (1 << 21 | 1 << 22)).isEqualTo(1 << 21 | 1 << 22);   // TEACK, REACK
        wire.send(new byte[] {1, 2});
        u.takeFromHost(ctx.now);
        ctx.advance(u, 10 * u.frameTimePs());
        assertThat(u.read(0x1C) & Usart.ORE).isNotZero();
        u.write(0x20, Usart.ORE, 4);
        assertThat(u.read(0x1C) & Usart.ORE).isZero();
        assertThat(u.read(0x24)).isEqualTo(1);
    }

    @Test
    public void gpioInputsHonourPullsAndHostLevels() {
        Gpio a = new Gpio('A', 0x4800_0000, SocFamily.L4);
        assertThat(a.read(0x10) & 1).isZero();                       // PA0 analog after reset
        a.write(0x00, 0xABFF_FFFC, 4);                               // PA0 input
        a.write(0x0C, 0x6400_0001, 4);                               // PA0 pull-up
        assertThat(a.read(0x10) & 1).isEqualTo(1);
        a.setInput(0, false);
        assertThat(a.read(0x10) & 1).isZero();
        Gpio b = new Gpio('B', 0x4001_0C00, SocFamily.F1);
        b.write(0x00, 0x4444_4484, 4);                               // PB1: input with pull-up/down
        b.write(0x0C, 1 << 1, 4);                                    // ODR selects pull-up
        assertThat(b.read(0x08) & 2).isEqualTo(2);
        b.write(0x14, 1 << 1, 4);                                    // BRR: pull-down
        assertThat(b.read(0x08) & 2).isZero();
    }

    @Test
    public void gpioOutputsReportChanges() {
        Gpio c = new Gpio('C', 0x4001_1000, SocFamily.F1);
        List<String> changes = new ArrayList<>();
        c.setListener((p, n, h) -> changes.add("" + p + n + h));
        c.write(0x04, 0x4424_4444, 4);                               // PC13 output push-pull
        c.write(0x10, 1 << 13, 4);                                   // BSRR set
        assertThat(c.output(13)).isTrue();
        c.write(0x10, 1 << 29, 4);                                   // BSRR reset
        assertThat(c.output(13)).isFalse();
        assertThat(changes).containsExactly("C13false", "C13true", "C13false");
    }

    @Test
    public void theWatchdogResetsAfterItsTimeoutUnlessReloaded() {
        FakeContext ctx = new FakeContext();
        Iwdg w = new Iwdg(ctx, 40_000, false);
        w.write(0x00, 0x5555, 4);
        w.write(0x04, 2, 4);                                         // /16
        w.write(0x08, 249, 4);                                       // 250 ticks of 400 us = 100 ms
        w.write(0x00, 0xCCCC, 4);
        ctx.advance(w, 90 * FakeContext.MS);
        w.write(0x00, 0xAAAA, 4);                                    // reload
        ctx.advance(w, 90 * FakeContext.MS);
        assertThat(ctx.resets).isEmpty();
        ctx.advance(w, 10 * FakeContext.MS);
        assertThat(ctx.resets).containsExactly(ResetCause.IWDG);
    }

    @Test
    public void rccDerivesTheCoreClockFromThePll() {
        Rcc f1 = new Rcc(SocFamily.F1, () -> { });
        assertThat(f1.hclkHz()).isEqualTo(8_000_000);
        f1.write(0x00, 0x83 | 1 << 16, 4);                           // HSEON
        assertThat(f1.read(0x00) & 1 << 17).isNotZero();
        f1.write(0x04, 7 << 18 | 1 << 16 | 4 << 8, 4);               // PLL x9 from HSE, APB1 /2
        f1.write(0x00, f1.read(0x00) | 1 << 24, 4);
        f1.write(0x04, f1.read(0x04) | 2, 4);                        // SW = PLL
        assertThat(f1.read(0x04) >>> 2 & 3).isEqualTo(2);
        assertThat(f1.hclkHz()).isEqualTo(72_000_000);
        assertThat(f1.pclk1Hz()).isEqualTo(36_000_000);

        Rcc l4 = new Rcc(SocFamily.L4, () -> { });
        assertThat(l4.hclkHz()).isEqualTo(4_000_000);                // MSI range 6
        l4.write(0x0C, 1 | 40 << 8 | 1 << 24, 4);                    // MSI /1 x40 /2
        l4.write(0x00, l4.read(0x00) | 1 << 24, 4);
        l4.write(0x08, 3, 4);
        assertThat(l4.hclkHz()).isEqualTo(80_000_000);
    }

    @Test
    public void resetFlagsFollowTheCause() {
        Rcc f1 = new Rcc(SocFamily.F1, () -> { });
        f1.reset(ResetCause.POWER_ON);
        assertThat(f1.csr() >>> 24).isEqualTo(0x0C);
        f1.write(0x24, 1 << 24, 4);                                  // RMVF
        assertThat(f1.csr() >>> 24).isZero();
        f1.reset(ResetCause.IWDG);
        assertThat(f1.csr() >>> 24).isEqualTo(0x24);
        f1.reset(ResetCause.SOFTWARE);
        assertThat(f1.csr() >>> 24).isEqualTo(0x34);                 // flags accumulate until RMVF
    }
}
