package io.eobatch.raster.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

class AnimatedGifTest {

    static final int GREEN = 0x1a9850;
    static final int RED = 0xd73027;
    static final int YELLOW = 0xfee08b;
    static final int BG = 0xe0e0e0;

    @TempDir
    Path dir;

    /** The decoded frames and per-frame GIF metadata of a file. */
    record Decoded(List<BufferedImage> frames, List<IIOMetadataNode> metadata) {
    }

    static Decoded decode(Path gif) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            try {
                reader.setInput(in);
                int n = reader.getNumImages(true);
                List<BufferedImage> frames = new ArrayList<>();
                List<IIOMetadataNode> meta = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    frames.add(reader.read(i));
                    meta.add((IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0"));
                }
                return new Decoded(frames, meta);
            } finally {
                reader.dispose();
            }
        }
    }

    static IIOMetadataNode child(Node root, String name) {
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals(name)) {
                return (IIOMetadataNode) n;
            }
        }
        return null;
    }

    static BufferedImage uniform(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, 0xff000000 | rgb);
            }
        }
        return img;
    }

    static List<AnimatedGif.Frame> threeMonths() {
        BufferedImage july = uniform(200, 160, RED);
        for (int y = 100; y < 160; y++) {
            for (int x = 0; x < 200; x++) {
                july.setRGB(x, y, 0); // transparent: clouds
            }
        }
        return List.of(new AnimatedGif.Frame(uniform(160, 120, GREEN), "2023-06"),
                new AnimatedGif.Frame(july, "2023-07"),
                new AnimatedGif.Frame(uniform(120, 200, YELLOW), "2023-08"));
    }

    @Test
    void writesALoopingAnimationWithDelayAndCentredFrames() throws IOException {
        Path gif = dir.resolve("aoi-1/timelapse.gif");
        new AnimatedGif().withDelay(Duration.ofMillis(500)).write(threeMonths(), gif);

        Decoded d = decode(gif);
        assertEquals(3, d.frames().size());
        for (int i = 0; i < 3; i++) {
            BufferedImage f = d.frames().get(i);
            assertEquals(200, f.getWidth(), "canvas = widest frame");
            assertEquals(200, f.getHeight(), "canvas = highest frame");
            IIOMetadataNode gce = child(d.metadata().get(i), "GraphicControlExtension");
            assertNotNull(gce, "frame " + i + " has a graphic control extension");
            assertEquals("50", gce.getAttribute("delayTime"), "500 ms = 50 cs");
        }
        IIOMetadataNode apps = child(d.metadata().get(0), "ApplicationExtensions");
        assertNotNull(apps, "first frame carries the loop extension");
        IIOMetadataNode app = child(apps, "ApplicationExtension");
        assertEquals("NETSCAPE", app.getAttribute("applicationID"));
        assertEquals("2.0", app.getAttribute("authenticationCode"));
        assertArrayEquals(new byte[] {1, 0, 0}, (byte[]) app.getUserObject(), "loop forever");
        assertNull(child(d.metadata().get(1), "ApplicationExtensions"));

        // frame 1 (160x120, green) is centred: x 20..179, y 40..159; outside is the background
        BufferedImage june = d.frames().get(0);
        assertEquals(GREEN, june.getRGB(100, 100) & 0xffffff);
        assertEquals(GREEN, june.getRGB(20, 159) & 0xffffff);
        assertEquals(BG, june.getRGB(19, 159) & 0xffffff);
        assertEquals(BG, june.getRGB(100, 160) & 0xffffff);
        assertEquals(BG, june.getRGB(180, 100) & 0xffffff);
        // frame 2 (200x160 at y 20..179): its transparent (cloud) rows 100..159 show the background at y 120..179
        BufferedImage july = d.frames().get(1);
        assertEquals(RED, july.getRGB(100, 119) & 0xffffff);
        assertEquals(BG, july.getRGB(100, 120) & 0xffffff);
        assertEquals(BG, july.getRGB(100, 10) & 0xffffff);
        // frame 3 (120x200) is centred horizontally: x 40..159
        assertEquals(YELLOW, d.frames().get(2).getRGB(40, 100) & 0xffffff);
        assertEquals(BG, d.frames().get(2).getRGB(39, 100) & 0xffffff);

        try (Stream<Path> files = Files.list(gif.getParent())) {
            assertEquals(List.of(gif), files.toList(), "no temporary file left beside the GIF");
        }
    }

    @Test
    void loopCountIsStored() throws IOException {
        Path gif = dir.resolve("three-times.gif");
        new AnimatedGif(Duration.ofSeconds(2), 3, Color.BLACK).write(threeMonths(), gif);
        Decoded d = decode(gif);
        IIOMetadataNode app = child(child(d.metadata().get(0), "ApplicationExtensions"), "ApplicationExtension");
        assertArrayEquals(new byte[] {1, 3, 0}, (byte[]) app.getUserObject());
        assertEquals("200", child(d.metadata().get(0), "GraphicControlExtension").getAttribute("delayTime"));
        assertEquals(0x000000, d.frames().get(0).getRGB(5, 195) & 0xffffff, "black background");
    }

    /** Asserts the label changed only a top-left box of the frame, with light text and dark box pixels. */
    static void assertLabelled(BufferedImage decoded, BufferedImage unlabelled, String what) {
        int changed = 0;
        int light = 0;
        int dark = 0;
        Rectangle bounds = null;
        for (int y = 0; y < decoded.getHeight(); y++) {
            for (int x = 0; x < decoded.getWidth(); x++) {
                int a = decoded.getRGB(x, y) & 0xffffff;
                int b = unlabelled.getRGB(x, y) & 0xffffff;
                if (a != b) {
                    changed++;
                    bounds = bounds == null ? new Rectangle(x, y, 1, 1) : bounds.union(new Rectangle(x, y, 1, 1));
                    int lum = ((a >> 16) & 0xff) + ((a >> 8) & 0xff) + (a & 0xff);
                    if (lum > 3 * 220) {
                        light++;
                    } else if (lum < 3 * 90) {
                        dark++;
                    }
                }
            }
        }
        assertNotNull(bounds, what + ": the label changed no pixel");
        assertTrue(bounds.x < 10 && bounds.y < 10, what + ": label box starts at the top-left, is " + bounds);
        assertTrue(bounds.getMaxX() < decoded.getWidth() * 0.75 && bounds.getMaxY() < decoded.getHeight() * 0.3,
                what + ": label box stays in the top-left, is " + bounds);
        assertTrue(light > 20, what + ": white text pixels: " + light);
        assertTrue(dark > 100, what + ": dark box/outline pixels: " + dark);
        assertTrue(changed > 200, what + ": changed pixels: " + changed);
    }

    @Test
    void labelsAreDrawnOnEveryFrame() throws IOException {
        AnimatedGif anim = new AnimatedGif();
        List<AnimatedGif.Frame> frames = threeMonths();
        Path gif = dir.resolve("labels.gif");
        anim.write(frames, gif);
        Decoded d = decode(gif);
        List<AnimatedGif.Frame> bare = frames.stream().map(f -> new AnimatedGif.Frame(f.image(), null)).toList();
        List<BufferedImage> unlabelled = anim.compose(bare);
        for (int i = 0; i < 3; i++) {
            assertLabelled(d.frames().get(i), unlabelled.get(i), "frame " + i);
        }
    }

    @Test
    void pixelFontFallbackDrawsALabelToo() throws IOException {
        boolean before = LabelPainter.useBitmapFont;
        LabelPainter.useBitmapFont = true;
        try {
            AnimatedGif anim = new AnimatedGif();
            Path gif = dir.resolve("pixel-font.gif");
            anim.write(threeMonths(), gif);
            Decoded d = decode(gif);
            List<BufferedImage> unlabelled = anim.compose(
                    threeMonths().stream().map(f -> new AnimatedGif.Frame(f.image(), "")).toList());
            assertLabelled(d.frames().get(1), unlabelled.get(1), "pixel font");
        } finally {
            LabelPainter.useBitmapFont = before;
        }
    }

    @Test
    void realNdviTimeLapseOfTheDravaClips() throws IOException {
        String[] ids = {"S2B_33TWL_20230810_0_L2A", "S2B_33TWL_20230813_0_L2A", "S2A_33TWL_20230815_0_L2A",
            "S2A_33TWL_20230818_0_L2A", "S2B_33TWL_20230820_0_L2A"};
        ColorMap map = ColorMap.rdYlGn();
        List<AnimatedGif.Frame> frames = new ArrayList<>();
        List<DravaBands> bands = new ArrayList<>();
        for (String id : ids) {
            DravaBands b = DravaBands.of(id);
            bands.add(b);
            BufferedImage img = map.render(b.ndvi(), b.valid(), b.width, b.height);
            PngWriter.write(img, dir.resolve("png/" + id + ".png"));
            frames.add(new AnimatedGif.Frame(img, "2023-08-" + id.substring(15, 17)));
        }
        Path gif = dir.resolve("drava.gif");
        new AnimatedGif().write(frames, gif);
        Decoded d = decode(gif);
        assertEquals(5, d.frames().size());
        assertEquals(334, d.frames().get(0).getWidth());
        assertEquals(250, d.frames().get(0).getHeight());

        // Each PNG holds the exact colours; the GIF the quantised ones (octree, 256 colours per frame).
        for (int f = 0; f < ids.length; f++) {
            DravaBands b = bands.get(f);
            BufferedImage png = ImageIO.read(dir.resolve("png/" + ids[f] + ".png").toFile());
            double[] ndvi = b.ndvi();
            boolean[] valid = b.valid();
            long sumError = 0;
            int compared = 0;
            for (int i = 0; i < ndvi.length; i++) {
                int x = i % b.width;
                int y = i / b.width;
                int argb = png.getRGB(x, y);
                assertEquals(map.argb(ndvi[i], valid[i]), valid[i] ? argb : argb & 0xff000000, ids[f] + " pixel " + i);
                if (valid[i] && y > 60) { // below the label
                    int g = d.frames().get(f).getRGB(x, y);
                    sumError += Math.abs(((g >> 8) & 0xff) - ((argb >> 8) & 0xff));
                    compared++;
                }
            }
            if (compared > 0) {
                double meanError = sumError / (double) compared;
                assertTrue(meanError < 4, ids[f] + ": mean green-channel error of the GIF palette " + meanError);
            }
        }
    }

    @Test
    void rejectsNoFrames() {
        assertThrows(IllegalArgumentException.class, () -> new AnimatedGif().encode(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new AnimatedGif(Duration.ZERO, 0, Color.WHITE));
    }
}
