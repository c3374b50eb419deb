package dev.brickproof.emulator.soc;

/** Why a board resets; each sets its RCC_CSR flag (fact sheet §2.4). */
public enum ResetCause {
    /** Power applied: PORRSTF (and PINRSTF, as on silicon the pad sees the POR too). */
    POWER_ON,
    /** NRST released after being held: PINRSTF. */
    PIN,
    /** AIRCR.SYSRESETREQ: SFTRSTF (+PINRSTF, the reset pulse is driven onto the pad). */
    SOFTWARE,
    /** Independent watchdog expiry: IWDGRSTF (+PINRSTF). */
    IWDG,
    /** L4 FLASH_CR.OBL_LAUNCH: OBLRSTF. */
    OPTION_BYTE_LOAD,
    /** A bit set in an RCC peripheral reset register: that peripheral alone goes back to its reset state. */
    PERIPHERAL;

    public boolean isPowerOn() {
        return this == POWER_ON;
    }
}
