package dev.brickproof.api;

/** What a board is doing, as the rig sees it. LOCKED_UP and FAULTED are brick symptoms, not Java errors. */
public enum BoardStatus {
    /** Power is off: RAM gone, nothing runs. */
    OFF,
    /** NRST is held low. */
    IN_RESET,
    /** Executing instructions. */
    RUNNING,
    /** In WFI/WFE, or fast-forwarding a polling loop, waiting for an event. */
    SLEEPING,
    /** The core locked up (fault while in HardFault/NMI, or unrecoverable vector fetch). Only reset or power recovers. */
    LOCKED_UP,
    /** Stopped at a BKPT with no debugger attached, or an instruction the emulator does not implement. */
    HALTED
}
