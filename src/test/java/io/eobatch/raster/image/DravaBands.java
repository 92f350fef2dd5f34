package io.eobatch.raster.image;

import io.eobatch.testsupport.TestData;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Bands of the real Drava clips (shared data), read with the JDK's TIFF reader: the clips are DEFLATE without a
 * predictor, which it reads correctly (means equal gdalinfo -stats). Test-only: production reads COGs elsewhere.
 */
final class DravaBands {

    final int width;
    final int height;
    final int[] red;
    final int[] green;
    final int[] blue;
    final int[] nir;
    final int[] scl;

    private DravaBands(Path dir) throws IOException {
        red = read(dir.resolve("B04.tif"));
        green = read(dir.resolve("B03.tif"));
        blue = read(dir.resolve("B02.tif"));
        nir = read(dir.resolve("B08.tif"));
        scl = read(dir.resolve("SCL.tif"));
        BufferedImage img = ImageIO.read(dir.resolve("B04.tif").toFile());
        width = img.getWidth();
        height = img.getHeight();
    }

    static DravaBands of(String itemId) throws IOException {
        return new DravaBands(TestData.shared("s2l2a-drava-2023-08/sentinel-2-l2a/" + itemId));
    }

    private static int[] read(Path tif) throws IOException {
        BufferedImage img = ImageIO.read(tif.toFile());
        if (img == null) {
            throw new IOException("ImageIO cannot read " + tif);
        }
        Raster r = img.getRaster();
        return r.getSamples(0, 0, r.getWidth(), r.getHeight(), 0, (int[]) null);
    }

    /** Valid = B04 and B08 not nodata and SCL in {2, 4, 5, 6, 7, 11} (notes/eo.md; 2, 7 and 11 kept here). */
    boolean[] valid() {
        boolean[] v = new boolean[red.length];
        for (int i = 0; i < v.length; i++) {
            int s = scl[i];
            v[i] = red[i] != 0 && nir[i] != 0 && (s == 2 || s == 4 || s == 5 || s == 6 || s == 7 || s == 11);
        }
        return v;
    }

    /** NDVI in double precision (the BOA offset is already removed in these items). */
    double[] ndvi() {
        double[] n = new double[red.length];
        for (int i = 0; i < n.length; i++) {
            double r = red[i];
            double b8 = nir[i];
            n[i] = r + b8 == 0 ? Double.NaN : (b8 - r) / (b8 + r);
        }
        return n;
    }
}
