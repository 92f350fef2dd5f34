package io.eobatch.raster.image;

import io.eobatch.raster.io.AtomicFiles;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A looping animated GIF from labelled frames (e.g. one NDVI image per month, labelled "2023-08"), with the JDK's
 * ImageIO GIF writer (headless).
 *
 * <p>Frames of different sizes are centred on a canvas as large as the largest frame. GIF has no partial alpha,
 * so frames are flattened onto an opaque background colour (transparent pixels, such as clouds, show it). Each
 * frame gets its label in the top-left corner ({@link LabelPainter}). The writer quantises every frame to its own
 * 256-colour palette (the JDK's octree {@code PaletteBuilder}); frames with at most 256 colours keep them exactly.
 * Looping uses the NETSCAPE2.0 application extension on the first frame (loop count 0 = forever); the frame delay
 * is stored in hundredths of a second, clamped to [0.02 s, 655.35 s] (browsers slow down shorter delays anyway).
 * Files are written atomically (temporary file + atomic rename).
 */
public final class AnimatedGif {

    /** Default delay between frames. */
    public static final Duration DEFAULT_DELAY = Duration.ofMillis(800);
    /** Default background behind transparent pixels and around smaller frames: light grey. */
    public static final Color DEFAULT_BACKGROUND = new Color(0xE0, 0xE0, 0xE0);

    private static final String GIF_IMAGE_FORMAT = "javax_imageio_gif_image_1.0";

    /**
     * One frame.
     *
     * @param image any BufferedImage (ARGB transparency shows the background)
     * @param label text drawn in the top-left corner, or null for none
     */
    public record Frame(BufferedImage image, String label) {
        public Frame {
            Objects.requireNonNull(image, "image");
        }
    }

    private final Duration delay;
    private final int loops;
    private final Color background;

    /** {@link #DEFAULT_DELAY}, looping forever, {@link #DEFAULT_BACKGROUND}. */
    public AnimatedGif() {
        this(DEFAULT_DELAY, 0, DEFAULT_BACKGROUND);
    }

    /**
     * @param delay      time each frame is shown
     * @param loops      how many times to repeat: 0 = forever, else 1..65535
     * @param background opaque colour behind transparent pixels and around smaller frames
     */
    public AnimatedGif(Duration delay, int loops, Color background) {
        this.delay = Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("frame delay must be positive: " + delay);
        }
        if (loops < 0 || loops > 0xffff) {
            throw new IllegalArgumentException("loop count must be within 0..65535: " + loops);
        }
        this.loops = loops;
        this.background = Objects.requireNonNull(background, "background");
    }

    public AnimatedGif withDelay(Duration frameDelay) {
        return new AnimatedGif(frameDelay, loops, background);
    }

    public AnimatedGif withLoops(int loopCount) {
        return new AnimatedGif(delay, loopCount, background);
    }

    public AnimatedGif withBackground(Color colour) {
        return new AnimatedGif(delay, loops, colour);
    }

    /** The delay as stored in the file, in hundredths of a second. */
    public int delayCentiseconds() {
        long cs = Math.round(delay.toMillis() / 10.0);
        return (int) Math.max(2, Math.min(0xffff, cs));
    }

    /** Writes the animation to {@code target} atomically; creates parent folders. */
    public void write(List<Frame> frames, Path target) throws IOException {
        List<BufferedImage> canvas = compose(frames);
        AtomicFiles.write(target, out -> encodeTo(canvas, out));
    }

    /** The GIF bytes. */
    public byte[] encode(List<Frame> frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encodeTo(compose(frames), out);
        return out.toByteArray();
    }

    /** The frames as they go into the file: same-size opaque RGB canvases, centred, labelled. */
    public List<BufferedImage> compose(List<Frame> frames) {
        if (frames == null || frames.isEmpty()) {
            throw new IllegalArgumentException("an animated GIF needs at least one frame");
        }
        int w = 0;
        int h = 0;
        for (Frame f : frames) {
            w = Math.max(w, f.image().getWidth());
            h = Math.max(h, f.image().getHeight());
        }
        if (w > 0xffff || h > 0xffff) {
            throw new IllegalArgumentException("GIF images are at most 65535 pixels wide and high: " + w + "x" + h);
        }
        List<BufferedImage> out = new ArrayList<>(frames.size());
        for (Frame f : frames) {
            BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = canvas.createGraphics();
            try {
                g.setColor(background);
                g.fillRect(0, 0, w, h);
                g.setComposite(AlphaComposite.SrcOver);
                g.drawImage(f.image(), (w - f.image().getWidth()) / 2, (h - f.image().getHeight()) / 2, null);
            } finally {
                g.dispose();
            }
            LabelPainter.paint(canvas, f.label());
            out.add(canvas);
        }
        return out;
    }

    private void encodeTo(List<BufferedImage> canvas, OutputStream out) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("no ImageIO GIF writer");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.prepareWriteSequence(null);
            for (int i = 0; i < canvas.size(); i++) {
                BufferedImage img = canvas.get(i);
                writer.writeToSequence(new IIOImage(img, null, frameMetadata(writer, img, param, i == 0)), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    private IIOMetadata frameMetadata(ImageWriter writer, BufferedImage img, ImageWriteParam param, boolean first)
            throws IOException {
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(GIF_IMAGE_FORMAT);

        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayCentiseconds()));
        gce.setAttribute("transparentColorIndex", "0");

        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
            netscape.setAttribute("applicationID", "NETSCAPE");
            netscape.setAttribute("authenticationCode", "2.0");
            // sub-block 1 = loop count, little-endian 16 bits
            netscape.setUserObject(new byte[] {1, (byte) (loops & 0xff), (byte) ((loops >> 8) & 0xff)});
            apps.appendChild(netscape);
        }
        meta.setFromTree(GIF_IMAGE_FORMAT, root);
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
