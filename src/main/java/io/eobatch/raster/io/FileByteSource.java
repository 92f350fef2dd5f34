package io.eobatch.raster.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/** A local file read with positional {@link FileChannel} reads (thread-safe, no shared file pointer). */
public final class FileByteSource implements ByteSource {

    private final Path path;
    private final FileChannel channel;
    private final String cacheKey;
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong readCount = new AtomicLong();

    public FileByteSource(Path path) throws IOException {
        this.path = path;
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new IOException("cannot open " + path + ": " + e, e);
        }
        this.cacheKey = path.toAbsolutePath().normalize().toUri() + "#" + channel.size() + "@"
                + Files.getLastModifiedTime(path).toMillis();
    }

    @Override
    public String name() {
        return path.toString();
    }

    @Override
    public long length() throws IOException {
        return channel.size();
    }

    @Override
    public byte[] read(long offset, int length) throws IOException {
        byte[] out = new byte[length];
        ByteBuffer buf = ByteBuffer.wrap(out);
        long pos = offset;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new EOFException(path + ": file ends at " + channel.size() + " bytes, cannot read "
                        + length + " bytes at offset " + offset);
            }
            pos += n;
        }
        bytesRead.addAndGet(length);
        readCount.incrementAndGet();
        return out;
    }

    /** Bytes read so far. */
    public long bytesRead() {
        return bytesRead.get();
    }

    /** Read calls made so far. */
    public long readCount() {
        return readCount.get();
    }

    @Override
    public String cacheKey() {
        return cacheKey;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
