package io.eobatch.chart;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

/** Decoding and looking at chart PNGs in tests. */
final class ChartPngs {

    private ChartPngs() {
    }

    static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(img, "not a decodable image");
        return img;
    }

    /** Pixels of exactly {@code rgb} inside the rectangle. */
    static int count(BufferedImage img, int rgb, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == (rgb & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Distinct colours of the image. */
    static int colours(BufferedImage img) {
        Set<Integer> c = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                c.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        return c.size();
    }

    /** Columns (x) where {@code rgb} occurs at least {@code min} times. */
    static Set<Integer> columnsWith(BufferedImage img, int rgb, int min) {
        return columnsWith(img, rgb, min, img.getHeight());
    }

    /** Columns (x) where {@code rgb} occurs at least {@code min} times above {@code yMax}. */
    static Set<Integer> columnsWith(BufferedImage img, int rgb, int min, int yMax) {
        Set<Integer> out = new HashSet<>();
        for (int x = 0; x < img.getWidth(); x++) {
            if (count(img, rgb, x, 0, x + 1, yMax) >= min) {
                out.add(x);
            }
        }
        return out;
    }

    /** Keeps a copy under target/ to look at, when -Deobatch.keep.charts is set. */
    static void keep(String name, byte[] png) throws IOException {
        if (System.getProperty("eobatch.keep.charts") != null) {
            Path dir = Path.of("target", "charts");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), png);
        }
    }
}
