package dev.brickproof.rig.protocol;

import dev.brickproof.rig.ProtocolException;

/** The device cancelled the transfer (YMODEM CAN CAN, Gizwits 0x27, ST IAP abort, ...). */
public class TransferAbortedException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public TransferAbortedException(String message) {
        super(message);
    }
}
