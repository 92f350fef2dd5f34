package io.eobatch.raster.image;

import io.eobatch.raster.io.AtomicFiles;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * PNG output with the JDK's ImageIO writer (works headless). ARGB images keep their alpha channel, so invalid
 * pixels stay transparent.
 */
public final class PngWriter {

    private PngWriter() {
    }

    /** Writes {@code image} as PNG to {@code target} atomically (see {@link AtomicFiles}); creates parent folders. */
    public static void write(BufferedImage image, Path target) throws IOException {
        AtomicFiles.write(target, out -> encodeTo(image, out, target.toString()));
    }

    /** The PNG bytes of {@code image}. */
    public static byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encodeTo(image, out, "memory");
        return out.toByteArray();
    }

    private static void encodeTo(BufferedImage image, OutputStream out, String where) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no ImageIO PNG writer (" + where + ")");
        }
        ImageWriter writer = writers.next();
        // In memory rather than ImageIO's default cache file in java.io.tmpdir.
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(image);
        } finally {
            writer.dispose();
        }
    }
}
