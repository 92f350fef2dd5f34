package io.eobatch.raster.tiff;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompression (none, LZW, DEFLATE, PackBits) and predictor reversal (horizontal 2, floating point 3) of one
 * TIFF tile or strip. LZW is written by hand (the JDK has none); DEFLATE uses {@link Inflater}.
 */
final class TiffCodecs {

    private TiffCodecs() {
    }

    /**
     * Decompresses {@code in} into exactly {@code expected} bytes (a short stream leaves the rest zero, as libtiff
     * does; extra bytes are dropped).
     */
    static byte[] decompress(int compression, byte[] in, int expected, String where) throws IOException {
        switch (compression) {
            case TiffImage.COMPRESSION_NONE: {
                if (in.length >= expected) { // extra bytes (rows the window does not need) are ignored
                    return in;
                }
                byte[] out = new byte[expected];
                System.arraycopy(in, 0, out, 0, Math.min(in.length, expected));
                return out;
            }
            case TiffImage.COMPRESSION_DEFLATE:
            case TiffImage.COMPRESSION_DEFLATE_OLD:
                return inflate(in, expected, where);
            case TiffImage.COMPRESSION_LZW:
                return lzw(in, expected, where);
            case TiffImage.COMPRESSION_PACKBITS:
                return packBits(in, expected);
            default:
                throw new IOException(where + ": unsupported Compression " + compression
                        + " (supported: 1 none, 5 LZW, 8/32946 DEFLATE, 32773 PackBits)");
        }
    }

    static byte[] inflate(byte[] in, int expected, String where) throws IOException {
        byte[] out = new byte[expected];
        Inflater inf = new Inflater();
        try {
            inf.setInput(in);
            int n = 0;
            while (n < expected && !inf.finished()) {
                int k = inf.inflate(out, n, expected - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += k;
            }
        } catch (DataFormatException e) {
            throw new IOException(where + ": corrupt DEFLATE data: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
        return out;
    }

    /** TIFF LZW: MSB-first codes of 9 to 12 bits, Clear 256, EOI 257, "early change" of the code width. */
    static byte[] lzw(byte[] in, int expected, String where) throws IOException {
        if (in.length >= 2 && in[0] == 0 && (in[1] & 1) != 0) {
            throw new IOException(where + ": old-style (LSB-first) LZW is not supported");
        }
        byte[] out = new byte[expected];
        int[] start = new int[4096];
        int[] len = new int[4096];
        int pos = 0;
        int width = 9;
        int next = 258;
        int prev = -1;
        int prevStart = 0;
        int prevLen = 0;
        long bits = 0;
        int nbits = 0;
        int inPos = 0;
        while (pos < expected) {
            while (nbits < width) {
                if (inPos >= in.length) {
                    return out;
                }
                bits = (bits << 8) | (in[inPos++] & 0xFF);
                nbits += 8;
            }
            int code = (int) (bits >>> (nbits - width)) & ((1 << width) - 1);
            nbits -= width;
            if (code == 257) {
                break;
            }
            if (code == 256) {
                width = 9;
                next = 258;
                prev = -1;
                continue;
            }
            int curLen;
            if (prev == -1) {
                if (code > 255) {
                    throw new IOException(where + ": corrupt LZW data (code " + code + " after Clear)");
                }
                out[pos] = (byte) code;
                curLen = 1;
            } else {
                if (code < 256) {
                    out[pos] = (byte) code;
                    curLen = 1;
                } else if (code < next) {
                    curLen = len[code];
                    if (pos + curLen > expected) {
                        curLen = expected - pos;
                    }
                    System.arraycopy(out, start[code], out, pos, curLen);
                } else if (code == next) {
                    curLen = prevLen + 1;
                    if (pos + curLen > expected) {
                        curLen = expected - pos;
                    }
                    int copy = Math.min(prevLen, curLen);
                    System.arraycopy(out, prevStart, out, pos, copy);
                    if (curLen > prevLen) {
                        out[pos + prevLen] = out[prevStart];
                    }
                } else {
                    throw new IOException(where + ": corrupt LZW data (code " + code + " > next " + next + ")");
                }
                if (next < 4096) {
                    // the new entry (previous string + first byte of this one) lies right before pos, contiguous
                    start[next] = prevStart;
                    len[next] = prevLen + 1;
                    next++;
                }
            }
            prev = code;
            prevStart = pos;
            prevLen = curLen;
            pos += curLen;
            if (next + 1 >= (1 << width) && width < 12) {
                width++;
            }
        }
        return out;
    }

    static byte[] packBits(byte[] in, int expected) {
        byte[] out = new byte[expected];
        int i = 0;
        int o = 0;
        while (i < in.length && o < expected) {
            int n = in[i++];
            if (n >= 0) {
                int k = Math.min(n + 1, Math.min(expected - o, in.length - i));
                System.arraycopy(in, i, out, o, k);
                i += n + 1;
                o += k;
            } else if (n != -128) {
                if (i >= in.length) {
                    break;
                }
                byte b = in[i++];
                int k = Math.min(1 - n, expected - o);
                for (int j = 0; j < k; j++) {
                    out[o++] = b;
                }
            }
        }
        return out;
    }

    /**
     * Undoes the horizontal predictor (2) in place: each sample was stored as the difference to the sample
     * {@code stride} samples to its left in the same row; sums wrap around at the sample size, as in libtiff.
     *
     * @param bytesPerSample 1, 2, 4 or 8
     * @param stride         samples per pixel in the chunk
     * @param rowSamples     samples in one row of the chunk
     */
    static void undoHorizontal(byte[] d, int rows, int rowSamples, int stride, int bytesPerSample, ByteOrder order,
                               String where) throws IOException {
        boolean le = order == ByteOrder.LITTLE_ENDIAN;
        int rowBytes = rowSamples * bytesPerSample;
        for (int r = 0; r < rows; r++) {
            int base = r * rowBytes;
            switch (bytesPerSample) {
                case 1:
                    for (int i = base + stride; i < base + rowBytes; i++) {
                        d[i] += d[i - stride];
                    }
                    break;
                case 2: {
                    int step = 2 * stride;
                    for (int p = base + step; p < base + rowBytes; p += 2) {
                        putShort(d, p, getShort(d, p, le) + getShort(d, p - step, le), le);
                    }
                    break;
                }
                case 4: {
                    int step = 4 * stride;
                    for (int p = base + step; p < base + rowBytes; p += 4) {
                        int v = getInt(d, p, le) + getInt(d, p - step, le);
                        putInt(d, p, v, le);
                    }
                    break;
                }
                case 8: {
                    int step = 8 * stride;
                    for (int p = base + step; p < base + rowBytes; p += 8) {
                        long v = getLong(d, p, le) + getLong(d, p - step, le);
                        putLong(d, p, v, le);
                    }
                    break;
                }
                default:
                    throw new IOException(where + ": Predictor 2 with " + (8 * bytesPerSample) + "-bit samples");
            }
        }
    }

    /**
     * Undoes the floating-point predictor (3) in place: per row, bytes were split into planes (most significant
     * first) and differenced byte-wise. The result is in <em>big-endian</em> byte order whatever the file's order.
     */
    static void undoFloatingPoint(byte[] d, int rows, int rowSamples, int stride, int bytesPerSample) {
        int rowBytes = rowSamples * bytesPerSample;
        byte[] tmp = new byte[rowBytes];
        for (int r = 0; r < rows; r++) {
            int base = r * rowBytes;
            System.arraycopy(d, base, tmp, 0, rowBytes);
            for (int i = stride; i < rowBytes; i++) {
                tmp[i] += tmp[i - stride];
            }
            for (int s = 0; s < rowSamples; s++) {
                int o = base + s * bytesPerSample;
                for (int b = 0; b < bytesPerSample; b++) {
                    d[o + b] = tmp[b * rowSamples + s];
                }
            }
        }
    }

    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Unsigned 16-bit value at byte {@code p}. */
    static int getShort(byte[] d, int p, boolean le) {
        return (le ? (short) SHORT_LE.get(d, p) : (short) SHORT_BE.get(d, p)) & 0xFFFF;
    }

    static void putShort(byte[] d, int p, int v, boolean le) {
        if (le) {
            SHORT_LE.set(d, p, (short) v);
        } else {
            SHORT_BE.set(d, p, (short) v);
        }
    }

    static int getInt(byte[] d, int p, boolean le) {
        return le ? (int) INT_LE.get(d, p) : (int) INT_BE.get(d, p);
    }

    static long getLong(byte[] d, int p, boolean le) {
        return le ? (long) LONG_LE.get(d, p) : (long) LONG_BE.get(d, p);
    }

    static void putInt(byte[] d, int p, int v, boolean le) {
        if (le) {
            INT_LE.set(d, p, v);
        } else {
            INT_BE.set(d, p, v);
        }
    }

    static void putLong(byte[] d, int p, long v, boolean le) {
        if (le) {
            LONG_LE.set(d, p, v);
        } else {
            LONG_BE.set(d, p, v);
        }
    }
}
