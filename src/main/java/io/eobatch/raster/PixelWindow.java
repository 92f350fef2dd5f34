package io.eobatch.raster;

/**
 * A rectangle of pixels of some grid: columns [col0, col0 + width), rows [row0, row0 + height).
 * May be empty (width or height 0); may extend beyond the grid it refers to unless documented otherwise.
 *
 * @param col0   first column (pixels from the grid's left edge)
 * @param row0   first row (pixels from the grid's top edge)
 * @param width  columns, not negative
 * @param height rows, not negative
 */
public record PixelWindow(int col0, int row0, int width, int height) {

    /** The empty window. */
    public static final PixelWindow EMPTY = new PixelWindow(0, 0, 0, 0);

    /** Largest distance, in pixels from the grid origin, that {@link #spanning} reaches. */
    public static final double SPAN_LIMIT = 1 << 29;

    /**
     * [floor(minCol), ceil(maxCol)) x [floor(minRow), ceil(maxRow)): the pixels that fractional pixel bounds touch,
     * clamped to +-{@link #SPAN_LIMIT} pixels from the grid origin, so that a continent-sized AOI still gives a
     * window that callers can intersect with what they have. EMPTY when min &gt; max (no bounds) or nothing is left.
     */
    public static PixelWindow spanning(double minCol, double minRow, double maxCol, double maxRow) {
        if (minCol > maxCol) {
            return EMPTY;
        }
        double c0 = clampToSpan(Math.floor(minCol));
        double r0 = clampToSpan(Math.floor(minRow));
        double c1 = clampToSpan(Math.ceil(maxCol));
        double r1 = clampToSpan(Math.ceil(maxRow));
        if (c1 <= c0 || r1 <= r0) {
            return EMPTY;
        }
        return new PixelWindow((int) c0, (int) r0, (int) (c1 - c0), (int) (r1 - r0));
    }

    private static double clampToSpan(double v) {
        return Math.max(-SPAN_LIMIT, Math.min(SPAN_LIMIT, v));
    }

    public PixelWindow {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("window size must not be negative: " + width + "x" + height);
        }
    }

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    /** Number of pixels. */
    public long size() {
        return (long) width * height;
    }

    /** This window intersected with the whole of {@code grid} (0..width, 0..height); EMPTY when they miss. */
    public PixelWindow clipTo(GridGeometry grid) {
        int c0 = Math.max(col0, 0);
        int r0 = Math.max(row0, 0);
        int c1 = (int) Math.min((long) col0 + width, grid.width());
        int r1 = (int) Math.min((long) row0 + height, grid.height());
        if (c1 <= c0 || r1 <= r0) {
            return EMPTY;
        }
        return new PixelWindow(c0, r0, c1 - c0, r1 - r0);
    }
}
