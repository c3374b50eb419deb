package dev.brickproof.emulator.soc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brickproof.api.Chip;
import dev.brickproof.emulator.BoardOptions;
import dev.brickproof.emulator.cpu.BusFault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** DMA1 channels 4/5 serving USART1 (RM0008, RM0394 DMA chapters): circular RX, HT/TC, IFCR, TX, CSELR, errors, gating. */
public class DmaTest {
    private static final int RAM = 0x2000_0000;
    private static final int USART1 = 0x4001_3800;
    private static final int CH4 = 0x08 + 20 * 3;   // CCR4; CNDTR4 +4, CPAR4 +8, CMAR4 +12
    private static final int CH5 = 0x08 + 20 * 4;
    private static final int CCR = 0, CNDTR = 4, CPAR = 8, CMAR = 12;
    private static final int TX_FLAGS = 12, RX_FLAGS = 16;   // ISR bit of GIF4 / GIF5

    /** USART1 + DMA1 on a fake context; the DMA's master sees 256 bytes of RAM and the USART's registers. */
    private static final class Rig {
        final FakeContext ctx = new FakeContext();
        final UartWire wire = new UartWire();
        final byte[] ram = new byte[256];
        final List<Integer> sent = new ArrayList<>();
        final boolean l4;
        final Usart usart;
        final Dma dma;

        Rig(boolean l4) {
            this.l4 = l4;
            usart = new Usart("USART1", USART1, l4 ? Usart.Layout.L4 : Usart.Layout.F1, 37, ctx, () -> 8_000_000,
                    wire, 115_200);
            dma = new Dma(l4 ? SocFamily.L4 : SocFamily.F1, 11, ctx);
            dma.connect(new Dma.Request(4, 2, "USART1_TX", usart::txDmaRequest));
            dma.connect(new Dma.Request(5, 2, "USART1_RX", usart::rxDmaRequest));
            usart.onDmaRequestChange(dma::requestChanged);
            dma.setMaster(new Dma.Master() {
                @Override
                public int read(int address, int width) {
                    if (inRam(address, width)) {
                        int v = 0;
                        for (int i = 0; i < width; i++) {
                            v |= (ram[address - RAM + i] & 0xFF) << (8 * i);
                        }
                        return v;
                    }
                    if (address >= USART1 && address < USART1 + 0x400) {
                        int off = address - USART1;
                        return usart.read(off & ~3) >>> (8 * (off & 3));
                    }
                    throw new BusFault(address, false, "no memory at " + Integer.toHexString(address));
                }

                @Override
                public void write(int address, int value, int width) {
                    if (inRam(address, width)) {
                        for (int i = 0; i < width; i++) {
                            ram[address - RAM + i] = (byte) (value >>> (8 * i));
                        }
                        return;
                    }
                    if (address >= USART1 && address < USART1 + 0x400) {
                        int off = address - USART1;
                        usart.write(off & ~3, value << (8 * (off & 3)), width);
                        return;
                    }
                    throw new BusFault(address, true, "no writable memory at " + Integer.toHexString(address));
                }
            });
            wire.onTransmit(sent::add);
            if (l4) {
                usart.write(Usart.L4_BRR, 69, 4);
                usart.write(Usart.L4_CR1, 1 | 1 << 2 | 1 << 3, 4);          // UE RE TE
            } else {
                usart.write(Usart.F1_BRR, 69, 4);
                usart.write(Usart.F1_CR1, 1 << 13 | 1 << 3 | 1 << 2, 4);  // UE TE RE
            }
        }

        private boolean inRam(int address, int width) {
            return address >= RAM && address + width <= RAM + ram.length;
        }

        int dataRegister() {
            return USART1 + (l4 ? Usart.L4_RDR : Usart.F1_DR);
        }

        int txRegister() {
            return USART1 + (l4 ? Usart.L4_TDR : Usart.F1_DR);
        }

        void cr3(int value) {
            usart.write(l4 ? Usart.L4_CR3 : Usart.F1_CR3, value, 4);
        }

        int status() {
            return usart.read(l4 ? Usart.L4_ISR : Usart.F1_SR);
        }

        /** Host bytes onto the line, then time for them (plus two frames, so IDLE may rise). */
        void receive(String s) {
            wire.send(s.getBytes(StandardCharsets.ISO_8859_1));
            usart.takeFromHost(ctx.now);
            long until = ctx.now + (s.length() + 2L) * usart.frameTimePs();
            while (usart.nextEventPs() <= until) {
                ctx.now = usart.nextEventPs();
                usart.advanceTo(ctx.now);
            }
            ctx.now = until;
        }

        void frames(long n) {
            long until = ctx.now + n * usart.frameTimePs();
            while (usart.nextEventPs() <= until) {
                ctx.now = usart.nextEventPs();
                usart.advanceTo(ctx.now);
            }
            ctx.now = until;
        }

        String ram(int from, int length) {
            return new String(ram, from, length, StandardCharsets.ISO_8859_1);
        }

        int flags(int shift) {
            return dma.read(Dma.ISR) >>> shift & 0xF;
        }

        /** Circular RX of {@code length} bytes into RAM[0..) with HT and TC interrupts (ReceiveToIdle_DMA). */
        void startCircularRx(int length) {
            if (l4) {
                dma.write(Dma.CSELR, 2 << 16, 4);
            }
            dma.write(CH5 + CPAR, dataRegister(), 4);
            dma.write(CH5 + CMAR, RAM, 4);
            dma.write(CH5 + CNDTR, length, 4);
            dma.write(CH5 + CCR, Dma.MINC | Dma.CIRC | Dma.HTIE | Dma.TCIE | Dma.TEIE | Dma.EN, 4);
            cr3(1 << 6);                                                   // DMAR
        }
    }

    @Test
    public void circularReceiveWrapsReloadsCndtrAndRaisesHalfAndCompleteFlags() {
        for (boolean l4 : new boolean[] {false, true}) {
            Rig r = new Rig(l4);
            r.startCircularRx(8);
            r.receive("abc");
            assertThat(r.dma.read(CH5 + CNDTR)).as("l4=%s", l4).isEqualTo(5);
            assertThat(r.ram(0, 3)).isEqualTo("abc");
            assertThat(r.status() & (Usart.RXNE | Usart.ORE)).as("the DMA read DR: RXNE clear, no overrun").isZero();
            assertThat(r.flags(RX_FLAGS)).isZero();
            assertThat(r.ctx.irqs.get(15)).isFalse();
            r.receive("d");
            assertThat(r.flags(RX_FLAGS)).as("HT at 4 of 8").isEqualTo(Dma.HTIF | Dma.GIF);
            assertThat(r.ctx.irqs.get(15)).isTrue();
            r.dma.write(Dma.IFCR, Dma.HTIF << RX_FLAGS, 4);                  // CHTIF5
            assertThat(r.flags(RX_FLAGS)).as("CHTIF leaves GIF").isEqualTo(Dma.GIF);
            assertThat(r.ctx.irqs.get(15)).isFalse();
            r.receive("efghij");                                              // 4 to the end, wraps, 2 more
            assertThat(r.ram(0, 8)).isEqualTo("ijcdefgh");
            assertThat(r.dma.read(CH5 + CNDTR)).as("reloaded to 8 at the wrap, then 2 transfers").isEqualTo(6);
            assertThat(r.flags(RX_FLAGS)).isEqualTo(Dma.TCIF | Dma.GIF);
            assertThat(r.ctx.irqs.get(15)).isTrue();
            assertThat(r.dma.read(CH5 + CCR) & Dma.EN).as("circular: still enabled").isEqualTo(Dma.EN);
            assertThat(r.dma.read(CH5 + CMAR)).as("CMAR keeps the programmed address").isEqualTo(RAM);
            assertThat(r.status() & Usart.IDLE).as("IDLE after the burst, for the IDLE-line interrupt")
                    .isEqualTo(Usart.IDLE);
            r.dma.write(Dma.IFCR, Dma.GIF << RX_FLAGS, 4);                  // CGIF5 clears all four
            assertThat(r.flags(RX_FLAGS)).isZero();
            assertThat(r.ctx.irqs.get(15)).isFalse();
        }
    }

    @Test
    public void normalModeStopsAtZeroAndTheNextByteOverruns() {
        Rig r = new Rig(false);
        r.dma.write(CH5 + CPAR, r.dataRegister(), 4);
        r.dma.write(CH5 + CMAR, RAM, 4);
        r.dma.write(CH5 + CNDTR, 2, 4);
        r.dma.write(CH5 + CCR, Dma.MINC | Dma.EN, 4);
        r.cr3(1 << 6);
        r.receive("xyz");
        assertThat(r.ram(0, 3)).isNotEqualTo("xyz").startsWith("xy");
        assertThat(r.dma.read(CH5 + CNDTR)).isZero();
        assertThat(r.dma.read(CH5 + CCR) & Dma.EN).as("EN stays set after TC in normal mode").isEqualTo(Dma.EN);
        assertThat(r.status() & Usart.RXNE).as("'z' stays in DR: no transfer with CNDTR = 0").isEqualTo(Usart.RXNE);
        assertThat(r.flags(RX_FLAGS) & Dma.TCIF).isEqualTo(Dma.TCIF);
        assertThat(r.ctx.irqs.get(15)).as("TCIE clear: no interrupt").isFalse();
    }

    @Test
    public void f1OverrunSurvivesADmaReadOfDrWithoutTheCoresSrRead() {
        Rig r = new Rig(false);
        r.dma.write(CH5 + CPAR, r.dataRegister(), 4);
        r.dma.write(CH5 + CMAR, RAM, 4);
        r.dma.write(CH5 + CNDTR, 1, 4);
        r.dma.write(CH5 + CCR, Dma.MINC | Dma.EN, 4);
        r.cr3(1 << 6);
        r.receive("abc");                                                   // 'a' moved; 'b' waits, 'c' overruns
        r.dma.write(CH5 + CCR, 0, 4);
        r.dma.write(CH5 + CMAR, RAM + 1, 4);
        r.dma.write(CH5 + CNDTR, 4, 4);
        r.dma.write(CH5 + CCR, Dma.MINC | Dma.EN, 4);                        // the DMA reads DR ('b') at once
        assertThat(r.ram(0, 2)).isEqualTo("ab");
        assertThat(r.status() & (Usart.ORE | Usart.RXNE)).as("a DR read without an SR read first keeps ORE")
                .isEqualTo(Usart.ORE);
        r.usart.read(Usart.F1_DR);                                           // SR (just read) then DR: cleared
        assertThat(r.status() & Usart.ORE).isZero();
    }

    @Test
    public void cndtrIsReadOnlyAndAddressesAreNotWrittenWhileEnabled() {
        Rig r = new Rig(false);
        r.startCircularRx(8);
        r.dma.write(CH5 + CNDTR, 3, 4);
        assertThat(r.dma.read(CH5 + CNDTR)).isEqualTo(8);
        r.dma.write(CH5 + CMAR, RAM + 0x40, 4);
        assertThat(r.dma.read(CH5 + CMAR)).isEqualTo(RAM);
        assertThat(r.ctx.events).anyMatch(e -> e.startsWith("dma-config") && e.contains("CMAR"));
        r.dma.write(CH5 + CCR, 0, 4);                                       // disable: now writable
        r.dma.write(CH5 + CNDTR, 3, 4);
        assertThat(r.dma.read(CH5 + CNDTR)).isEqualTo(3);
        r.receive("q");
        assertThat(r.status() & Usart.RXNE).as("a disabled channel transfers nothing").isEqualTo(Usart.RXNE);
        assertThat(r.dma.read(CH5 + CNDTR)).isEqualTo(3);
    }

    @Test
    public void transmitByDmaSendsTheBytesAtLineRateAndCompletesWhenTheLastIsHandedOver() {
        for (boolean l4 : new boolean[] {false, true}) {
            Rig r = new Rig(l4);
            System.arraycopy("WXYZ".getBytes(StandardCharsets.ISO_8859_1), 0, r.ram, 0x10, 4);
            r.dma.write(CH4 + CPAR, r.txRegister(), 4);
            r.dma.write(CH4 + CMAR, RAM + 0x10, 4);
            r.dma.write(CH4 + CNDTR, 4, 4);
            if (l4) {
                r.dma.write(Dma.CSELR, 2 << 12, 4);
            }
            r.dma.write(CH4 + CCR, Dma.DIR | Dma.MINC | Dma.TCIE | Dma.EN, 4);
            assertThat(r.dma.read(CH4 + CNDTR)).as("no request before DMAT").isEqualTo(4);
            r.cr3(1 << 7);                                                   // DMAT
            assertThat(r.dma.read(CH4 + CNDTR)).as("l4=%s: shift register and TDR filled at once", l4).isEqualTo(2);
            assertThat(r.sent).isEmpty();
            long frame = r.usart.frameTimePs();
            r.ctx.now += frame - 1;
            r.usart.advanceTo(r.ctx.now);
            assertThat(r.sent).as("not before the first stop bit has left").isEmpty();
            r.ctx.now += 1;
            r.usart.advanceTo(r.ctx.now);
            assertThat(r.sent).containsExactly((int) 'W');
            assertThat(r.dma.read(CH4 + CNDTR)).isEqualTo(1);
            r.frames(1);
            assertThat(r.dma.read(CH4 + CNDTR)).isZero();
            assertThat(r.flags(TX_FLAGS)).as("HT at 2 of 4, TC at 0").isEqualTo(Dma.TCIF | Dma.HTIF | Dma.GIF);
            assertThat(r.ctx.irqs.get(14)).isTrue();
            assertThat(r.status() & Usart.TC).as("the last two bytes are still on their way").isZero();
            r.frames(2);
            assertThat(r.sent).containsExactly((int) 'W', (int) 'X', (int) 'Y', (int) 'Z');
            assertThat(r.status() & Usart.TC).isEqualTo(Usart.TC);
        }
    }

    @Test
    public void l4ChannelServesOnlyTheRequestCselrSelects() {
        Rig r = new Rig(true);
        r.dma.write(CH5 + CPAR, r.dataRegister(), 4);
        r.dma.write(CH5 + CMAR, RAM, 4);
        r.dma.write(CH5 + CNDTR, 4, 4);
        r.dma.write(CH5 + CCR, Dma.MINC | Dma.EN, 4);                       // CSELR C5S = 0: not USART1_RX
        r.cr3(1 << 6);
        r.receive("k");
        assertThat(r.dma.read(CH5 + CNDTR)).isEqualTo(4);
        assertThat(r.status() & Usart.RXNE).isEqualTo(Usart.RXNE);
        assertThat(r.ctx.events).anyMatch(e -> e.startsWith("dma-unmodelled") && e.contains("channel 5")
                && e.contains("C5S = 0"));
        r.dma.write(Dma.CSELR, 1 << 16, 4);                                 // request 1: still not USART1
        assertThat(r.dma.read(CH5 + CNDTR)).isEqualTo(4);
        r.dma.write(Dma.CSELR, 2 << 16, 4);                                 // USART1_RX: the pending byte moves
        assertThat(r.dma.read(CH5 + CNDTR)).isEqualTo(3);
        assertThat(r.ram(0, 1)).isEqualTo("k");
        assertThat(r.dma.read(Dma.CSELR)).isEqualTo(2 << 16);
        assertThat(new Rig(false).dma.read(Dma.CSELR)).as("no CSELR on the F1").isZero();
    }

    @Test
    public void aChannelWithoutAModelledRequestIsReportedOnce() {
        Rig r = new Rig(false);
        int ch2 = 0x08 + 20;
        r.dma.write(ch2 + CNDTR, 4, 4);
        r.dma.write(ch2 + CCR, Dma.EN, 4);
        r.dma.write(ch2 + CCR, 0, 4);
        r.dma.write(ch2 + CCR, Dma.EN, 4);
        assertThat(r.ctx.events).filteredOn(e -> e.startsWith("dma-unmodelled")).hasSize(1)
                .allMatch(e -> e.contains("channel 2") && e.contains("USART1_RX on channel 5"));
    }

    @Test
    public void aTransferToAnUnmappedAddressSetsTeifAndDisablesTheChannel() {
        Rig r = new Rig(false);
        r.dma.write(CH5 + CPAR, r.dataRegister(), 4);
        r.dma.write(CH5 + CMAR, 0x6000_0000, 4);
        r.dma.write(CH5 + CNDTR, 4, 4);
        r.dma.write(CH5 + CCR, Dma.MINC | Dma.TEIE | Dma.CIRC | Dma.EN, 4);
        r.cr3(1 << 6);
        r.receive("e");
        assertThat(r.flags(RX_FLAGS)).isEqualTo(Dma.TEIF | Dma.GIF);
        assertThat(r.dma.read(CH5 + CCR) & Dma.EN).isZero();
        assertThat(r.ctx.irqs.get(15)).isTrue();
        assertThat(r.dma.read(CH5 + CNDTR)).as("the failed transfer is not counted").isEqualTo(4);
        assertThat(r.ctx.events).anyMatch(e -> e.startsWith("dma-transfer-error") && e.contains("0x60000000"));
    }

    @Test
    public void memoryToMemoryCopiesTheBlockWhenEnabledWithWidthConversion() {
        Rig r = new Rig(false);
        for (int i = 0; i < 8; i++) {
            r.ram[i] = (byte) (0x11 * (i + 1));
        }
        r.dma.write(CH4 + CPAR, RAM, 4);                                     // source: 32-bit words
        r.dma.write(CH4 + CMAR, RAM + 0x20, 4);                              // destination: half-words
        r.dma.write(CH4 + CNDTR, 2, 4);
        r.dma.write(CH4 + CCR, Dma.MEM2MEM | Dma.PINC | Dma.MINC | 2 << 8 | 1 << 10 | Dma.TCIE | Dma.EN, 4);
        assertThat(r.dma.read(CH4 + CNDTR)).isZero();
        // word 0x44332211 truncated to 0x2211, word 0x88776655 to 0x6655 (RM0008: the destination keeps the low bytes)
        assertThat(new byte[] {r.ram[0x20], r.ram[0x21], r.ram[0x22], r.ram[0x23]})
                .containsExactly(0x11, 0x22, 0x55, 0x66);
        assertThat(r.flags(TX_FLAGS)).isEqualTo(Dma.TCIF | Dma.HTIF | Dma.GIF);
    }

    // ---------------------------------------------------------------- on the board: gating, reset, stores

    private static final int RCC = 0x4002_1000;
    private static final int DMA1 = 0x4002_0000;

    private static Stm32Board board(Chip chip) {
        Stm32Board b = new Stm32Board(BoardOptions.of(chip));
        b.setPower(true);
        return b;
    }

    @Test
    public void f1Dma1AnswersOnlyWithDma1en() {
        SocBus bus = board(Chip.STM32F103C8).bus();
        bus.write32(DMA1 + CH5 + CMAR, RAM + 0x100);                      // clock off: ignored
        assertThat(bus.read32(DMA1 + CH5 + CMAR)).isZero();
        bus.write32(RCC + 0x14, 0x14 | 1);                                 // AHBENR.DMA1EN
        assertThat(bus.read32(DMA1 + CH5 + CMAR)).as("the gated write never landed").isZero();
        bus.write32(DMA1 + CH5 + CMAR, RAM + 0x100);
        assertThat(bus.read32(DMA1 + CH5 + CMAR)).isEqualTo(RAM + 0x100);
        bus.write32(RCC + 0x14, 0x14);
        assertThat(bus.read32(DMA1 + CH5 + CMAR)).isZero();
    }

    @Test
    public void aStoppedDma1TransfersNothingAndServesThePendingRequestWhenItsClockStarts() {
        Stm32Board b = new Stm32Board(BoardOptions.of(Chip.STM32F103C8));
        b.programFlash(0x0800_0000, new byte[] {0, 0x10, 0, 0x20, 9, 0, 0, 0x08, (byte) 0xFE, (byte) 0xE7});
        b.setPower(true);
        SocBus bus = b.bus();
        bus.write32(RCC + 0x14, 0x14 | 1);
        bus.write32(RCC + 0x18, 1 << 14);
        bus.write32(USART1 + Usart.F1_CR1, 1 << 13 | 1 << 2 | 1 << 3);
        bus.write32(DMA1 + CH5 + CPAR, USART1 + Usart.F1_DR);
        bus.write32(DMA1 + CH5 + CMAR, RAM + 0x400);
        bus.write32(DMA1 + CH5 + CNDTR, 4);
        bus.write32(DMA1 + CH5 + CCR, Dma.MINC | Dma.EN);
        bus.write32(USART1 + Usart.F1_CR3, 1 << 6);
        bus.write32(RCC + 0x14, 0x14);                                     // DMA1 clock off
        b.usart1().send(new byte[] {'s'});
        b.runFor(Duration.ofMillis(1));
        assertThat(bus.read32(USART1 + Usart.F1_SR) & Usart.RXNE).as("nothing took the byte").isEqualTo(Usart.RXNE);
        bus.write32(RCC + 0x14, 0x14 | 1);                                 // clock on: the request is served
        assertThat(bus.read32(DMA1 + CH5 + CNDTR)).isEqualTo(3);
        assertThat(b.readMemory(RAM + 0x400, 1)).containsExactly('s');
    }

    @Test
    public void l4Dma1IsGatedByAhb1enrAndResetByAhb1rstr() {
        SocBus bus = board(Chip.STM32L431RC).bus();
        bus.write32(DMA1 + Dma.CSELR, 2 << 16);
        assertThat(bus.read32(DMA1 + Dma.CSELR)).isZero();
        bus.write32(RCC + 0x48, 0x100 | 1);                                // AHB1ENR.DMA1EN
        bus.write32(DMA1 + Dma.CSELR, 2 << 16);
        bus.write32(DMA1 + CH5 + CNDTR, 16);
        assertThat(bus.read32(DMA1 + Dma.CSELR)).isEqualTo(2 << 16);
        bus.write32(RCC + 0x28, 1);                                        // AHB1RSTR.DMA1RST
        bus.write32(RCC + 0x28, 0);
        assertThat(bus.read32(DMA1 + Dma.CSELR)).isZero();
        assertThat(bus.read32(DMA1 + CH5 + CNDTR)).isZero();
    }

    @Test
    public void onTheBoardTheDmaFillsSramAndEveryByteCountsAsAStore() {
        for (Chip chip : new Chip[] {Chip.STM32F103C8, Chip.STM32L431RC}) {
            Stm32Board b = new Stm32Board(BoardOptions.of(chip));
            // SP, reset vector, then "b ." at 0x0800_0008: a core that stores nothing (and boots from flash on the L4)
            b.programFlash(0x0800_0000, new byte[] {0, 0x10, 0, 0x20, 9, 0, 0, 0x08, (byte) 0xFE, (byte) 0xE7});
            b.setPower(true);
            SocBus bus = b.bus();
            boolean l4 = chip == Chip.STM32L431RC;
            if (l4) {
                bus.write32(RCC + 0x48, 0x100 | 1);
                bus.write32(RCC + 0x60, 1 << 14);
                bus.write32(RCC + 0x4C, 1);                                // GPIOAEN: PA10 = AF7 (USART1_RX)
                bus.write32(0x4800_0024, 7 << 8);
                bus.write32(0x4800_0000, bus.read32(0x4800_0000) & ~(3 << 20) | 2 << 20);
                bus.write32(DMA1 + Dma.CSELR, 2 << 16);
                bus.write32(USART1 + Usart.L4_CR1, 1 | 1 << 2 | 1 << 3);
                bus.write32(USART1 + Usart.L4_CR3, 1 << 6);
            } else {
                bus.write32(RCC + 0x14, 0x14 | 1);
                bus.write32(RCC + 0x18, 1 << 14);
                bus.write32(USART1 + Usart.F1_CR1, 1 << 13 | 1 << 2 | 1 << 3);
                bus.write32(USART1 + Usart.F1_CR3, 1 << 6);
            }
            bus.write32(DMA1 + CH5 + CPAR, USART1 + (l4 ? Usart.L4_RDR : Usart.F1_DR));
            bus.write32(DMA1 + CH5 + CMAR, RAM + 0x400);
            bus.write32(DMA1 + CH5 + CNDTR, 8);
            bus.write32(DMA1 + CH5 + CCR, Dma.MINC | Dma.CIRC | Dma.EN);
            long stores = bus.stores;
            b.usart1().send("dma!".getBytes(StandardCharsets.ISO_8859_1));
            b.runFor(Duration.ofMillis(2));
            assertThat(b.readMemory(RAM + 0x400, 4)).as("%s %s", chip, b.report().events())
                    .isEqualTo("dma!".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(bus.read32(DMA1 + CH5 + CNDTR)).isEqualTo(4);
            assertThat(bus.stores - stores).as("each DMA write is a store (the core's loop stores nothing)").isEqualTo(4);
        }
    }
}
