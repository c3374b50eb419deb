package dev.brickproof.emulator.cpu;

/** What the core is doing between two calls of {@link CortexM#run}. */
public enum CoreState {
    /** Executing instructions. */
    RUNNING,
    /** Waiting in WFI/WFE (or sleep-on-exit) for an interrupt or event; time passes via {@link CortexM#advanceIdle}. */
    SLEEPING,
    /** Architectural lock-up: a fault while in HardFault/NMI, or a failed reset vector fetch. A brick symptom. */
    LOCKED_UP,
    /** The emulator met an instruction it does not implement; {@link CortexM#haltReason()} names PC and encoding. */
    HALTED
}
