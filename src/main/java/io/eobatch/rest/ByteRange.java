package io.eobatch.rest;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What a download answers to a {@code Range} header (RFC 9110, section 14), as a static HTTP-free rule so that every
 * case is a line of {@code ByteRangeTest}: the whole file (200), one byte range (206 with {@code Content-Range}), or
 * nothing (416 with {@code Content-Range: bytes *}{@code /<size>}).
 *
 * <ul>
 * <li>no header, another unit than {@code bytes}, or a header that does not parse: the whole file (a server may
 * ignore a Range it does not understand; it is never an error, so never a 400 or a 500);</li>
 * <li>{@code bytes=a-b}: bytes a..b, b clipped to the last byte; {@code bytes=a-}: from a to the end;
 * {@code bytes=-n}: the last n bytes (all of them when n &gt;= size); a &gt; b does not parse (whole file);</li>
 * <li>a range that starts at or after the end ({@code a >= size}), a suffix of 0 bytes, or any range of an empty
 * file: unsatisfiable (416);</li>
 * <li>several ranges ({@code bytes=0-99,200-299}): the whole file, 200. The documented fallback instead of
 * {@code multipart/byteranges}: COG readers (GDAL, rasterio, QGIS) send one range a request, and a client that asks
 * for several accepts the whole representation.</li>
 * </ul>
 *
 * <p>Offsets are bytes from the start of the file; {@code last} is inclusive, as in the header.
 *
 * @param kind  what to answer
 * @param first the first byte sent (0 for the whole file; -1 when unsatisfiable)
 * @param last  the last byte sent, inclusive (size - 1 for the whole file; -1 when unsatisfiable)
 */
public record ByteRange(Kind kind, long first, long last) {

    /** The three answers. */
    public enum Kind {
        /** 200: the whole file. */
        WHOLE,
        /** 206: bytes first..last. */
        PARTIAL,
        /** 416: nothing. */
        UNSATISFIABLE
    }

    /** The number of bytes sent (0 when unsatisfiable). */
    public long length() {
        return kind == Kind.UNSATISFIABLE ? 0 : last - first + 1;
    }

    /** The {@code Content-Range} header of a 206 or 416 answer for a file of {@code size} bytes (null for 200). */
    public String contentRange(long size) {
        return switch (kind) {
            case WHOLE -> null;
            case PARTIAL -> "bytes " + first + "-" + last + "/" + size;
            case UNSATISFIABLE -> "bytes */" + size;
        };
    }

    /**
     * The answer to {@code header} (the {@code Range} header, null when absent) for a file of {@code size} bytes.
     */
    public static ByteRange of(String header, long size) {
        ByteRange whole = new ByteRange(Kind.WHOLE, 0, size - 1);
        if (header == null) {
            return whole;
        }
        String h = header.strip();
        int eq = h.indexOf('=');
        if (eq < 0 || !h.substring(0, eq).strip().equalsIgnoreCase("bytes")) {
            return whole;
        }
        String spec = h.substring(eq + 1).strip();
        if (spec.indexOf(',') >= 0) {
            return whole; // several ranges (or a malformed list): the documented 200 fallback
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return whole;
        }
        String a = spec.substring(0, dash).strip();
        String b = spec.substring(dash + 1).strip();
        if (a.isEmpty()) { // suffix: the last n bytes
            long n = number(b);
            if (n < 0) {
                return whole;
            }
            if (n == 0 || size == 0) {
                return unsatisfiable();
            }
            return new ByteRange(Kind.PARTIAL, Math.max(0, size - n), size - 1);
        }
        long first = number(a);
        long last = b.isEmpty() ? Long.MAX_VALUE : number(b);
        if (first < 0 || last < 0 || last < first) {
            return whole;
        }
        if (first >= size) {
            return unsatisfiable();
        }
        return new ByteRange(Kind.PARTIAL, first, Math.min(last, size - 1));
    }

    /**
     * Whether an {@code If-Range} header lets the Range apply (RFC 9110, 13.1.5): absent, or the file's strong ETag
     * (quoted, as sent), or exactly its Last-Modified date. Anything else (a weak or other ETag, another or a bad
     * date): the Range is ignored and the whole file is sent.
     *
     * @param etag         the file's ETag value, unquoted (null when it has none)
     * @param lastModified the file's modification time (its Last-Modified header, to the second)
     */
    public static boolean ifRangeHolds(String ifRange, String etag, Instant lastModified) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.strip();
        if (v.startsWith("\"")) {
            return etag != null && v.equals("\"" + etag + "\"");
        }
        if (v.startsWith("W/")) {
            return false;
        }
        try {
            Instant date = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return lastModified != null && date.getEpochSecond() == lastModified.getEpochSecond();
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static ByteRange unsatisfiable() {
        return new ByteRange(Kind.UNSATISFIABLE, -1, -1);
    }

    /** A run of ASCII digits as a number (Long.MAX_VALUE past 18 digits), or -1 when it is not one. */
    private static long number(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return s.length() > 18 ? Long.MAX_VALUE : Long.parseLong(s);
    }
}
