package dev.brickproof.rig.protocol;

/** Receives progress of long transfers (CLI progress bars, Allure steps). */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = progress -> { };

    void progress(TransferProgress progress);
}
