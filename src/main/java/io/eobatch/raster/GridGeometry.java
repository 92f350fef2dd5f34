package io.eobatch.raster;

/**
 * A north-up raster grid: the GDAL geotransform without rotation terms, plus its size and CRS.
 *
 * <p>Pixel (col, row) covers x in [originX + col * pixelSizeX, originX + (col + 1) * pixelSizeX) and
 * y in (originY + (row + 1) * pixelSizeY, originY + row * pixelSizeY]; {@code pixelSizeY} is negative for
 * north-up rasters (as in GDAL). Coordinates are in the CRS {@code epsg} (metres for UTM), x = easting, y = northing.
 *
 * @param epsg       EPSG code of the CRS (e.g. 32633 for UTM 33N)
 * @param width      columns
 * @param height     rows
 * @param originX    x of the upper-left corner of pixel (0, 0), CRS units
 * @param originY    y of the upper-left corner of pixel (0, 0), CRS units
 * @param pixelSizeX pixel width, CRS units, positive
 * @param pixelSizeY pixel height, CRS units, negative for north-up
 */
public record GridGeometry(int epsg, int width, int height, double originX, double originY,
                           double pixelSizeX, double pixelSizeY) {

    public GridGeometry {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("grid size must not be negative: " + width + "x" + height);
        }
        if (!(pixelSizeX > 0) || pixelSizeY == 0 || Double.isNaN(pixelSizeY)) {
            throw new IllegalArgumentException("bad pixel size " + pixelSizeX + ", " + pixelSizeY);
        }
    }

    /** Column coordinate (fractional pixels from the left edge) of easting {@code x}. */
    public double toCol(double x) {
        return (x - originX) / pixelSizeX;
    }

    /** Row coordinate (fractional pixels from the top edge) of northing {@code y}. */
    public double toRow(double y) {
        return (y - originY) / pixelSizeY;
    }

    /** Easting of the centre of column {@code col}. */
    public double colCentreX(int col) {
        return originX + (col + 0.5) * pixelSizeX;
    }

    /** Northing of the centre of row {@code row}. */
    public double rowCentreY(int row) {
        return originY + (row + 0.5) * pixelSizeY;
    }

    /** The grid of a window of this one: same CRS and pixel size, origin moved to pixel (col0, row0). */
    public GridGeometry window(int col0, int row0, int w, int h) {
        return new GridGeometry(epsg, w, h, originX + col0 * pixelSizeX, originY + row0 * pixelSizeY,
                pixelSizeX, pixelSizeY);
    }

    /** Bounds as {minX, minY, maxX, maxY} in CRS units. */
    public double[] bounds() {
        double x1 = originX + width * pixelSizeX;
        double y1 = originY + height * pixelSizeY;
        return new double[] {Math.min(originX, x1), Math.min(originY, y1), Math.max(originX, x1), Math.max(originY, y1)};
    }
}
