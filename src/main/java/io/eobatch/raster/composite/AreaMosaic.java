package io.eobatch.raster.composite;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.image.ColorMap;
import io.eobatch.raster.tiff.GeoTiffBand;

/**
 * An overview image of a tiled composite: the tiles' COGs at a reduced resolution, side by side on one grid, each
 * mosaic pixel taken (nearest) from the tile whose cell (without buffer) holds its centre, coloured with a
 * {@link ColorMap}; pixels without a value (no tile, NaN) are transparent.
 *
 * <p>The mosaic pixel is the tiles' resolution times the least power of two that keeps both sides within
 * {@code maxSide} pixels. Each tile is read from its COG at the coarsest level (full resolution or an overview)
 * whose pixels are not larger than the mosaic's, so that a large area reads only the COGs' small overviews.
 */
public final class AreaMosaic {

    private AreaMosaic() {
    }

    /** The mosaic grid over {@code tiles} (their cells without buffer). */
    public static GridGeometry grid(TilingGrid tiling, Iterable<Tile> tiles, int maxSide) {
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Tile t : tiles) {
            double[] b = t.core().bounds();
            minX = Math.min(minX, b[0]);
            minY = Math.min(minY, b[1]);
            maxX = Math.max(maxX, b[2]);
            maxY = Math.max(maxY, b[3]);
        }
        if (minX == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("no tile");
        }
        double px = tiling.resolution();
        while (Math.ceil((maxX - minX) / px - 1e-9) > maxSide || Math.ceil((maxY - minY) / px - 1e-9) > maxSide) {
            px *= 2;
        }
        int w = (int) Math.ceil((maxX - minX) / px - 1e-9);
        int h = (int) Math.ceil((maxY - minY) / px - 1e-9);
        return new GridGeometry(tiling.epsg(), w, h, minX, maxY, px, -px);
    }

    /**
     * The mosaic values (row-major, NaN where no tile has a value) on {@code mosaic}, from the COGs of the tiles
     * ({@code cogs}: tile to file; tiles without a file stay NaN).
     */
    public static double[] values(GridGeometry mosaic, Map<Tile, Path> cogs) throws IOException {
        double[] out = new double[mosaic.width() * mosaic.height()];
        java.util.Arrays.fill(out, Double.NaN);
        for (var e : cogs.entrySet()) {
            Tile tile = e.getKey();
            try (GeoTiffBand band = GeoTiffBand.open(e.getValue().toUri())) {
                GeoTiffBand level = band;
                for (int i = 0; i < band.overviewCount(); i++) {
                    GeoTiffBand ov = band.overview(i);
                    if (ov.grid().pixelSizeX() <= mosaic.pixelSizeX() * (1 + 1e-9)) {
                        level = ov;
                    }
                }
                GridGeometry g = level.grid();
                double[] v = level.readWindowDouble(0, 0, g.width(), g.height());
                double[] core = tile.core().bounds();
                int c0 = Math.max(0, (int) Math.floor(mosaic.toCol(core[0])));
                int c1 = Math.min(mosaic.width(), (int) Math.ceil(mosaic.toCol(core[2])));
                int r0 = Math.max(0, (int) Math.floor(mosaic.toRow(core[3])));
                int r1 = Math.min(mosaic.height(), (int) Math.ceil(mosaic.toRow(core[1])));
                for (int r = r0; r < r1; r++) {
                    double y = mosaic.rowCentreY(r);
                    if (y < core[1] || y >= core[3]) {
                        continue;
                    }
                    int sr = (int) Math.floor(g.toRow(y));
                    for (int c = c0; c < c1; c++) {
                        double x = mosaic.colCentreX(c);
                        if (x < core[0] || x >= core[2]) {
                            continue;
                        }
                        int sc = (int) Math.floor(g.toCol(x));
                        if (sr >= 0 && sr < g.height() && sc >= 0 && sc < g.width()) {
                            out[r * mosaic.width() + c] = v[sr * g.width() + sc];
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The mosaic as an ARGB image coloured with {@code colours} (transparent where NaN). */
    public static BufferedImage render(GridGeometry mosaic, double[] values, ColorMap colours) {
        return colours.render(values, null, mosaic.width(), mosaic.height());
    }
}
