package io.eobatch.raster.image;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.logging.Logger;

import io.eobatch.raster.GridGeometry;

/**
 * ARGB images that sit on raster grids: a mosaic of several (the first opaque pixel in list order wins), and a
 * nearest-neighbour resize. Written over the JDK: two loops, no library needed.
 */
public final class GridImages {

    private static final Logger LOG = Logger.getLogger(GridImages.class.getName());
    /** Slack, in pixels, when snapping grid edges to the first grid's lattice. */
    private static final double EPS = 1e-6;

    private GridImages() {
    }

    /**
     * The images, each on its grid, mosaicked on the lattice of the first grid over the union of the grids that share
     * its CRS and pixel size: each output pixel takes the first image, in list order, that has an opaque (alpha != 0)
     * pixel at the output pixel's centre. Images on another CRS or pixel size are left out (logged): a mosaic across
     * CRSs needs a reprojection this class does not do. One image is returned as it is.
     *
     * @param grids  the grid of each image (width and height equal to the image's)
     * @param images ARGB images, at least one
     * @return the mosaic, {@link BufferedImage#TYPE_INT_ARGB}, transparent where no image has a pixel
     */
    public static BufferedImage mosaic(List<GridGeometry> grids, List<BufferedImage> images) {
        if (images.isEmpty() || grids.size() != images.size()) {
            throw new IllegalArgumentException(images.size() + " image(s) and " + grids.size() + " grid(s)");
        }
        for (int i = 0; i < images.size(); i++) {
            GridGeometry g = grids.get(i);
            BufferedImage img = images.get(i);
            if (g.width() != img.getWidth() || g.height() != img.getHeight()) {
                throw new IllegalArgumentException("image " + i + " is " + img.getWidth() + "x" + img.getHeight()
                        + " but its grid is " + g.width() + "x" + g.height());
            }
        }
        if (images.size() == 1) {
            return images.get(0);
        }
        GridGeometry g0 = grids.get(0);
        double minCol = 0;
        double minRow = 0;
        double maxCol = g0.width();
        double maxRow = g0.height();
        boolean[] used = new boolean[grids.size()];
        for (int i = 0; i < grids.size(); i++) {
            GridGeometry g = grids.get(i);
            if (g.epsg() != g0.epsg() || g.pixelSizeX() != g0.pixelSizeX() || g.pixelSizeY() != g0.pixelSizeY()) {
                int n = i;
                LOG.warning(() -> "image " + n + " is on EPSG:" + g.epsg() + " at " + g.pixelSizeX() + " x "
                        + g.pixelSizeY() + ", not on the first image's EPSG:" + g0.epsg() + " at " + g0.pixelSizeX()
                        + " x " + g0.pixelSizeY() + ": left out of the mosaic");
                continue;
            }
            used[i] = true;
            double c0 = g0.toCol(g.originX());
            double r0 = g0.toRow(g.originY());
            minCol = Math.min(minCol, c0);
            minRow = Math.min(minRow, r0);
            maxCol = Math.max(maxCol, c0 + g.width());
            maxRow = Math.max(maxRow, r0 + g.height());
        }
        int col0 = (int) Math.floor(minCol + EPS);
        int row0 = (int) Math.floor(minRow + EPS);
        int w = (int) Math.ceil(maxCol - EPS) - col0;
        int h = (int) Math.ceil(maxRow - EPS) - row0;
        GridGeometry out = g0.window(col0, row0, w, h);
        BufferedImage mosaic = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int row = 0; row < h; row++) {
            double y = out.rowCentreY(row);
            for (int col = 0; col < w; col++) {
                double x = out.colCentreX(col);
                for (int i = 0; i < images.size(); i++) {
                    if (!used[i]) {
                        continue;
                    }
                    GridGeometry g = grids.get(i);
                    int c = (int) Math.floor(g.toCol(x));
                    int r = (int) Math.floor(g.toRow(y));
                    if (c < 0 || r < 0 || c >= g.width() || r >= g.height()) {
                        continue;
                    }
                    int argb = images.get(i).getRGB(c, r);
                    if ((argb >>> 24) != 0) {
                        mosaic.setRGB(col, row, argb);
                        break;
                    }
                }
            }
        }
        return mosaic;
    }

    /**
     * {@code image} resized to {@code width x height} by nearest neighbour (pixel centres; no blending, so
     * transparent pixels stay fully transparent and index colours stay colours of the map). The image itself when
     * it has that size already.
     */
    public static BufferedImage resize(BufferedImage image, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        double sx = (double) image.getWidth() / width;
        double sy = (double) image.getHeight() / height;
        for (int row = 0; row < height; row++) {
            int r = Math.min(image.getHeight() - 1, (int) Math.floor((row + 0.5) * sy));
            for (int col = 0; col < width; col++) {
                int c = Math.min(image.getWidth() - 1, (int) Math.floor((col + 0.5) * sx));
                out.setRGB(col, row, image.getRGB(c, r));
            }
        }
        return out;
    }
}
