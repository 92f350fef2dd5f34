package io.eobatch.raster;

import java.util.BitSet;

/**
 * A boolean mask over a window of a grid, e.g. the pixels of an AOI. Bit (c, r) of the mask is pixel
 * (window.col0 + c, window.row0 + r) of the grid; bits are stored row-major in a {@link BitSet}.
 */
public final class PixelMask {

    private final GridGeometry grid;
    private final PixelWindow window;
    private final BitSet bits;

    PixelMask(GridGeometry grid, PixelWindow window, BitSet bits) {
        this.grid = grid;
        this.window = window;
        this.bits = bits;
    }

    /** The grid the mask's window refers to. */
    public GridGeometry grid() {
        return grid;
    }

    /** The window of {@link #grid()} the mask covers (the AOI's bounding box on the grid, clipped to it). */
    public PixelWindow window() {
        return window;
    }

    /** Whether pixel (c, r) of the window (not of the grid) is set. */
    public boolean isSet(int c, int r) {
        return bits.get(r * window.width() + c);
    }

    /** Whether window-relative index {@code r * window.width() + c} is set. */
    public boolean isSet(int index) {
        return bits.get(index);
    }

    /** Next set window-relative index at or after {@code from}, or -1. */
    public int nextSet(int from) {
        return bits.nextSetBit(from);
    }

    /** Number of set pixels. */
    public int count() {
        return bits.cardinality();
    }

    /** The mask as rows of '#' (set) and '.' (unset), one line per row of the window; for tests and debugging. */
    public String toAscii() {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < window.height(); r++) {
            for (int c = 0; c < window.width(); c++) {
                sb.append(isSet(c, r) ? '#' : '.');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
