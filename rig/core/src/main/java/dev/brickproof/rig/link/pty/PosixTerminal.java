package dev.brickproof.rig.link.pty;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The few libc calls a pseudo-terminal master needs (Linux, x86_64 and aarch64). */
interface PosixTerminal extends Library {
    int O_RDWR = 2;
    int O_NOCTTY = 0x100;
    int O_NONBLOCK = 0x800;
    short POLLIN = 0x1;
    short POLLOUT = 0x4;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    int EINTR = 4;
    int EIO = 5;
    int EAGAIN = 11;
    int TCSANOW = 0;
    /** sizeof(struct termios) is 60 on Linux; leave headroom. */
    int TERMIOS_SIZE = 128;

    PosixTerminal LIBC = Native.load("c", PosixTerminal.class);

    int posix_openpt(int flags) throws LastErrorException;

    int grantpt(int fd) throws LastErrorException;

    int unlockpt(int fd) throws LastErrorException;

    int ptsname_r(int fd, byte[] buffer, NativeLong length);

    int open(String path, int flags) throws LastErrorException;

    int close(int fd);

    NativeLong read(int fd, Pointer buffer, NativeLong count) throws LastErrorException;

    NativeLong write(int fd, Pointer buffer, NativeLong count) throws LastErrorException;

    int poll(Pointer fds, NativeLong count, int timeoutMillis) throws LastErrorException;

    int tcgetattr(int fd, Pointer termios) throws LastErrorException;

    int tcsetattr(int fd, int when, Pointer termios) throws LastErrorException;

    void cfmakeraw(Pointer termios);
}
