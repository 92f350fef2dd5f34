package io.eobatch.raster;

import java.util.BitSet;

/**
 * The fraction of each pixel of a window of a grid that lies inside a polygon: c = area(pixel ∩ polygon) /
 * area(pixel), in [0, 1]. Made by {@link PolygonCoverage}.
 *
 * <p>Stored sparsely: the pixels with c &gt; 0 as a {@link PixelMask} (bit (c, r) is pixel (window.col0 + c,
 * window.row0 + r) of the grid, row-major window-relative indices), and the fractions of the <em>partial</em> pixels
 * (those the polygon's boundary crosses) as ascending indices with their fractions; every other pixel of the mask
 * has c = 1 exactly. So memory is one bit per window pixel plus 12 bytes per boundary pixel.
 */
public final class PixelCoverage {

    private final PixelMask mask;
    private final int[] partialIndex;
    private final double[] partialFraction;
    private final int partialCount;

    PixelCoverage(GridGeometry grid, PixelWindow window, BitSet covered, int[] partialIndex,
                  double[] partialFraction, int partialCount) {
        this.mask = new PixelMask(grid, window, covered);
        this.partialIndex = partialIndex;
        this.partialFraction = partialFraction;
        this.partialCount = partialCount;
    }

    /** The pixels with c &gt; 0, over the coverage's grid and window. */
    public PixelMask mask() {
        return mask;
    }

    /** The window of the grid the coverage covers. */
    public PixelWindow window() {
        return mask.window();
    }

    /** Number of pixels with c &gt; 0. */
    public int count() {
        return mask.count();
    }

    /** Number of pixels with 0 &lt; c &lt; 1 (the pixels the boundary crosses). */
    public int partialCount() {
        return partialCount;
    }

    /** The fraction c of window-relative pixel {@code index} (0 outside the polygon). O(log partialCount). */
    public double fraction(int index) {
        if (!mask.isSet(index)) {
            return 0;
        }
        int k = java.util.Arrays.binarySearch(partialIndex, 0, partialCount, index);
        return k >= 0 ? partialFraction[k] : 1;
    }

    /** Sum of the fractions: the polygon's area inside the window, in pixels. */
    public double sum() {
        double partial = 0;
        for (int k = 0; k < partialCount; k++) {
            partial += partialFraction[k];
        }
        return (count() - partialCount) + partial;
    }

    /**
     * A reader of the fractions in raster order: {@link Cursor#fraction(int)} must be called with non-decreasing
     * indices of pixels of the {@link #mask()}; O(1) amortised per call.
     */
    public Cursor cursor() {
        return new Cursor();
    }

    /** Sequential access to the fractions (see {@link #cursor()}); not thread-safe. */
    public final class Cursor {
        private int next;

        private Cursor() {
        }

        /** The fraction of mask pixel {@code index}; indices must not decrease from call to call. */
        public double fraction(int index) {
            while (next < partialCount && partialIndex[next] < index) {
                next++;
            }
            return next < partialCount && partialIndex[next] == index ? partialFraction[next] : 1;
        }
    }

    /** The fractions as rows of digits (the nearest tenth, 0 to 9; '#' = 1, '.' = 0); for tests and debugging. */
    public String toAscii() {
        StringBuilder sb = new StringBuilder();
        PixelWindow w = window();
        for (int r = 0; r < w.height(); r++) {
            for (int c = 0; c < w.width(); c++) {
                double f = fraction(r * w.width() + c);
                sb.append(f == 0 ? '.' : f == 1 ? '#' : (char) ('0' + Math.min(9, Math.round(f * 10))));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
