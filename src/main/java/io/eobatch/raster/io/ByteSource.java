package io.eobatch.raster.io;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Random access to the bytes of a file, local or remote. Implementations are thread-safe: several windows of the
 * same file may be read concurrently.
 */
public interface ByteSource extends AutoCloseable {

    /** Where the bytes come from, for messages and logs (a file path or a URL). */
    String name();

    /** Total size in bytes. May cost a request for a remote source whose size is not yet known. */
    long length() throws IOException;

    /**
     * Reads exactly {@code length} bytes at {@code offset}.
     *
     * @throws EOFException when the source ends before {@code offset + length}
     */
    byte[] read(long offset, int length) throws IOException;

    /**
     * Reads up to {@code maxLength} bytes from the start of the source: fewer when the source is shorter. Remote
     * sources do it in one request without first asking for the length.
     */
    default byte[] readPrefix(int maxLength) throws IOException {
        return read(0, (int) Math.min(maxLength, length()));
    }

    /**
     * Reads several ranges at once; the result holds the bytes of each range, in the order of {@code ranges}.
     * Remote sources merge nearby ranges into fewer requests and run them concurrently.
     */
    default List<byte[]> readRanges(List<ByteRange> ranges) throws IOException {
        List<byte[]> out = new ArrayList<>(ranges.size());
        for (ByteRange r : ranges) {
            out.add(read(r.offset(), r.length()));
        }
        return out;
    }

    /**
     * A key identifying the current content of this source, for caching parsed headers across opens (a URL, or a
     * path with its size and modification time); {@code null} when the content must not be cached.
     */
    default String cacheKey() {
        return null;
    }

    @Override
    default void close() throws IOException {
    }
}
