package io.eobatch.raster.io;

/**
 * A range of bytes of a {@link ByteSource}: {@code length} bytes starting at {@code offset} (both in bytes from the
 * start of the file).
 *
 * @param offset first byte, inclusive, non-negative
 * @param length number of bytes, non-negative
 */
public record ByteRange(long offset, int length) {

    public ByteRange {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("bad byte range offset=" + offset + " length=" + length);
        }
    }

    /** The first byte after the range (exclusive end). */
    public long end() {
        return offset + length;
    }

    /** The HTTP {@code Range} header value of this (non-empty) range: {@code bytes=first-last}, last inclusive. */
    public String httpRange() {
        return "bytes=" + offset + "-" + (end() - 1);
    }
}
