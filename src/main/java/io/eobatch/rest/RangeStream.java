package io.eobatch.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * {@code length} bytes of an open file from {@code position} on, read with positional reads (64 KiB at most at a
 * time, whatever the caller asks); closing it closes the channel. The body of a (partial) result download: the file
 * was opened before the headers were made, so a rename over it while it is sent changes nothing.
 */
final class RangeStream extends InputStream {

    private static final int MAX_READ = 64 * 1024;

    private final FileChannel channel;
    private long position;
    private long remaining;

    RangeStream(FileChannel channel, long position, long length) {
        this.channel = channel;
        this.position = position;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        int n = (int) Math.min(Math.min(len, MAX_READ), remaining);
        int read = channel.read(ByteBuffer.wrap(b, off, n), position);
        if (read < 0) { // the file was truncated in place: end early (the client sees a short body)
            remaining = 0;
            return -1;
        }
        position += read;
        remaining -= read;
        return read;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, remaining));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
