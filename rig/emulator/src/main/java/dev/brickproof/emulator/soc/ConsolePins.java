package dev.brickproof.emulator.soc;

/**
 * Where the host's serial wire meets USART1: pins PA9 (TX) and PA10 (RX), as the ROM loader uses them (AN2606)
 * and as the rig wires the board. Firmware reaches the host only with those pins set up for USART1 (F1: PA9 as
 * alternate-function output, PA10 with its input buffer on, AFIO_MAPR.USART1_REMAP clear; L4: PA9 and PA10 in
 * alternate-function mode with AF7), as on silicon.
 */
final class ConsolePins implements Usart.HostPins {
    private static final int USART1_REMAP = 1 << 2;
    private final boolean l4;
    private final Gpio portA;
    private final RegisterFile afio;

    ConsolePins(boolean l4, Gpio portA, RegisterFile afio) {
        this.l4 = l4;
        this.portA = portA;
        this.afio = afio;
    }

    private String remapped() {
        if (!l4 && (afio.read(0x04) & USART1_REMAP) != 0) {
            return "AFIO_MAPR.USART1_REMAP moved USART1 to PB6/PB7, the host is wired to PA9/PA10";
        }
        return null;
    }

    @Override
    public String txBlocked() {
        String r = remapped();
        if (r != null) {
            return r;
        }
        if (!portA.alternateFunction(9, 7)) {
            return l4 ? "PA9 is not in alternate-function mode with AF7 (GPIOA_MODER/AFRH)"
                    : "PA9 is not an alternate-function output (GPIOA_CRH)";
        }
        return null;
    }

    @Override
    public String rxBlocked() {
        String r = remapped();
        if (r != null) {
            return r;
        }
        if (l4 ? !portA.alternateFunction(10, 7) : !portA.inputBufferOn(10)) {
            return l4 ? "PA10 is not in alternate-function mode with AF7 (GPIOA_MODER/AFRH)"
                    : "PA10 is in analog mode (GPIOA_CRH)";
        }
        return null;
    }
}
