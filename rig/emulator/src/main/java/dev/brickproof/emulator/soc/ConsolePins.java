package dev.brickproof.emulator.soc;

/**
 * Where the host's serial wire meets USART1. The rig wires the console to the pins the design uses for USART1:
 * PA9 (TX) / PA10 (RX) by default (the ROM loader's pins, AN2606), PB6/PB7 on an F1 with AFIO_MAPR.USART1_REMAP
 * set, or on an L4 whose firmware puts AF7 on PB6/PB7. Bytes reach the host only while those pins are set up for
 * USART1, as on silicon: F1 TX an alternate-function output, RX not analog; L4 alternate-function mode with AF7.
 */
final class ConsolePins implements Usart.HostPins {
    private static final int USART1_REMAP = 1 << 2;
    /** L4: console pins chosen by MODER/AF7; F1: by CRL/CRH and AFIO_MAPR.USART1_REMAP. */
    private final boolean alternateFunctionPins;
    private final Gpio portA;
    private final Gpio portB;
    private final RegisterFile afio;

    ConsolePins(SocFamily family, Gpio portA, Gpio portB, RegisterFile afio) {
        this.alternateFunctionPins = family.hasModerGpio();
        this.portA = portA;
        this.portB = portB;
        this.afio = afio;
    }

    private boolean remapped() {
        return !alternateFunctionPins && (afio.read(0x04) & USART1_REMAP) != 0;
    }

    @Override
    public String txBlocked() {
        if (alternateFunctionPins) {
            return portA.alternateFunction(9, 7) || portB.alternateFunction(6, 7) ? null
                    : "neither PA9 nor PB6 is in alternate-function mode with AF7 (GPIOx_MODER/AFRx)";
        }
        if (remapped()) {
            return portB.alternateFunction(6, 7) ? null
                    : "USART1 is remapped to PB6/PB7 (AFIO_MAPR.USART1_REMAP) but PB6 is not an alternate-function"
                    + " output (GPIOB_CRL)";
        }
        return portA.alternateFunction(9, 7) ? null : "PA9 is not an alternate-function output (GPIOA_CRH)";
    }

    @Override
    public String rxBlocked() {
        if (alternateFunctionPins) {
            return portA.alternateFunction(10, 7) || portB.alternateFunction(7, 7) ? null
                    : "neither PA10 nor PB7 is in alternate-function mode with AF7 (GPIOx_MODER/AFRx)";
        }
        if (remapped()) {
            return portB.inputBufferOn(7) ? null
                    : "USART1 is remapped to PB6/PB7 (AFIO_MAPR.USART1_REMAP) but PB7 is in analog mode (GPIOB_CRL)";
        }
        return portA.inputBufferOn(10) ? null : "PA10 is in analog mode (GPIOA_CRH)";
    }
}
