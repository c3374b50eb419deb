/**
 * Protocol codecs and clients: how the rig talks to bootloaders. Codecs are pure (bytes in, frames out,
 * {@link dev.brickproof.rig.protocol.FrameCorruptedException} vs
 * {@link dev.brickproof.rig.protocol.FrameTooLargeException}, "need more" without consuming); a client is a
 * codec + a {@link dev.brickproof.rig.link.ByteLink} (through {@link dev.brickproof.rig.protocol.DeviceChannel})
 * + a {@link dev.brickproof.rig.time.Deadline}, reports {@link dev.brickproof.rig.protocol.TransferProgress} and
 * fails with a typed exception naming the last bytes the device sent.
 *
 * <table>
 * <caption>Clients and the real peers they are tested against</caption>
 * <tr><th>Client</th><th>Design</th><th>Peers in tests</th></tr>
 * <tr><td>{@code ymodem.YmodemSender} / {@code ymodem.YmodemReceiver}</td><td>ST IAP, D4 download</td>
 *     <td>lrzsz {@code rb} / {@code sb -k} over a pty; the YMODEM and D4 reference bootloaders/apps on the
 *     emulated board</td></tr>
 * <tr><td>{@code iap.FlagWordIapClient}</td><td>D1</td><td>the D1 reference bootloader (emulated)</td></tr>
 * <tr><td>{@code iap.KeyAtResetIapClient}</td><td>D3</td><td>the D3 reference bootloader (emulated)</td></tr>
 * <tr><td>{@code gizwits.GizwitsOtaClient}</td><td>D5</td><td>the D5 reference app (emulated)</td></tr>
 * <tr><td>{@code an3155.An3155Client}</td><td>D0 ROM loader</td><td>stm32flash 0.7 cross-checks through our
 *     {@code RomBootloader} model over a pty; the emulated board's system-memory loader</td></tr>
 * <tr><td>{@code tobudos.PartitionTable}, {@code KvRecord}/{@code KvState}, {@code OtaImage}</td><td>D4</td>
 *     <td>fact-sheet vector (CRC 0x96); the D4 reference firmware's table, KV log and OTA checks</td></tr>
 * </table>
 */
package dev.brickproof.rig.protocol;
