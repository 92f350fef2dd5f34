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
