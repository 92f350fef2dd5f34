package io.eobatch.testsupport;

import java.util.Arrays;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.RasterBand;

/** An in-memory band for unit tests; counts the pixels read so tests can assert that only windows are read. */
public final class MemoryBand implements RasterBand {

    private final GridGeometry grid;
    private final int[] data;
    private final Double nodata;
    private long pixelsRead;

    public MemoryBand(GridGeometry grid, int[] data, Double nodata) {
        if (data.length != grid.width() * grid.height()) {
            throw new IllegalArgumentException("data size " + data.length + " != " + grid.width() + "x" + grid.height());
        }
        this.grid = grid;
        this.data = data;
        this.nodata = nodata;
    }

    /** A band of one constant value. */
    public static MemoryBand constant(GridGeometry grid, int value) {
        int[] d = new int[grid.width() * grid.height()];
        Arrays.fill(d, value);
        return new MemoryBand(grid, d, 0.0);
    }

    public void set(int col, int row, int value) {
        data[row * grid.width() + col] = value;
    }

    public long pixelsRead() {
        return pixelsRead;
    }

    @Override
    public GridGeometry grid() {
        return grid;
    }

    @Override
    public Double nodata() {
        return nodata;
    }

    @Override
    public int[] readWindow(int col0, int row0, int width, int height) {
        pixelsRead += (long) width * height;
        int[] out = new int[width * height];
        Arrays.fill(out, nodata == null ? 0 : nodata.intValue());
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int sc = col0 + c;
                int sr = row0 + r;
                if (sc >= 0 && sr >= 0 && sc < grid.width() && sr < grid.height()) {
                    out[r * width + c] = data[sr * grid.width() + sc];
                }
            }
        }
        return out;
    }
}
