package io.eobatch.raster.image;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Draws a short label ("2023-08") in the top-left corner of an image: white text with a dark outline on a
 * semi-transparent dark box, readable on any background.
 *
 * <p>Text is drawn with Java2D's sans-serif font. A headless JVM without fonts (minimal server images without
 * fontconfig) fails on the first text call; then, and from then on, the label is drawn with a built-in 5x7 pixel
 * font (digits, A-Z, "-:./_ "; lower case shown as upper case), so that a missing font never fails a job.
 */
final class LabelPainter {

    private static final Logger LOG = Logger.getLogger(LabelPainter.class.getName());
    private static final Color BOX = new Color(0, 0, 0, 160);
    private static final Color OUTLINE = new Color(0, 0, 0);
    private static final Color TEXT = new Color(255, 255, 255);

    /** Set when Java2D text failed once (no fonts); tests set it to exercise the pixel font. */
    static volatile boolean useBitmapFont;

    private LabelPainter() {
    }

    /** Font size in pixels for an image of this size: about 1/14 of the height, within [10, 48]. */
    static int fontSize(int width, int height) {
        return Math.max(10, Math.min(48, Math.round(Math.min(height, width * 0.75f) / 14f)));
    }

    /** Paints {@code label} onto {@code img} (in place) and returns the box it covers; null for an empty label. */
    static Rectangle paint(BufferedImage img, String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        if (!useBitmapFont) {
            try {
                return paintWithFont(img, label);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) { // NOPMD: no fonts shows up as Error, UnsatisfiedLinkError or NullPointerException
                useBitmapFont = true;
                LOG.log(Level.WARNING, "Java2D text rendering is unavailable (no fonts?); using the built-in pixel font", t);
            }
        }
        return paintWithPixels(img, label);
    }

    private static Rectangle paintWithFont(BufferedImage img, String label) {
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int size = fontSize(img.getWidth(), img.getHeight());
            Font font = new Font(Font.SANS_SERIF, Font.BOLD, size);
            FontMetrics fm = g.getFontMetrics(font);
            // shrink until the label fits the width
            while (size > 8 && fm.stringWidth(label) + size > img.getWidth()) {
                size--;
                font = font.deriveFont((float) size);
                fm = g.getFontMetrics(font);
            }
            int pad = Math.max(2, size / 3);
            int margin = Math.max(2, size / 4);
            Rectangle box = new Rectangle(margin, margin, fm.stringWidth(label) + 2 * pad, fm.getAscent() + fm.getDescent() + pad);
            g.setComposite(AlphaComposite.SrcOver);
            g.setColor(BOX);
            g.fill(box);
            FontRenderContext frc = g.getFontRenderContext();
            TextLayout layout = new TextLayout(label, font, frc);
            Shape outline = layout.getOutline(AffineTransform.getTranslateInstance(box.x + pad, box.y + pad / 2.0 + fm.getAscent()));
            g.setStroke(new BasicStroke(Math.max(2f, size / 8f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(OUTLINE);
            g.draw(outline);
            g.setColor(TEXT);
            g.fill(outline);
            return box.intersection(new Rectangle(0, 0, img.getWidth(), img.getHeight()));
        } finally {
            g.dispose();
        }
    }

    private static Rectangle paintWithPixels(BufferedImage img, String label) {
        String text = label.toUpperCase(Locale.ROOT);
        int scale = Math.max(1, fontSize(img.getWidth(), img.getHeight()) / 8);
        while (scale > 1 && (text.length() * 6 + 3) * scale > img.getWidth()) {
            scale--;
        }
        int margin = Math.max(2, scale * 2);
        int pad = 2 * scale;
        Rectangle box = new Rectangle(margin, margin, text.length() * 6 * scale - scale + 2 * pad, 7 * scale + 2 * pad);
        Graphics2D g = img.createGraphics();
        try {
            g.setComposite(AlphaComposite.SrcOver);
            g.setColor(BOX);
            g.fill(box);
            int x0 = box.x + pad;
            int y0 = box.y + pad;
            // outline first (each lit cell grown by one cell in every direction), then the text
            for (int pass = 0; pass < 2; pass++) {
                g.setColor(pass == 0 ? OUTLINE : TEXT);
                for (int c = 0; c < text.length(); c++) {
                    int[] rows = PixelFont.glyph(text.charAt(c));
                    for (int r = 0; r < 7; r++) {
                        for (int col = 0; col < 5; col++) {
                            if ((rows[r] & (0b10000 >> col)) != 0) {
                                int x = x0 + (c * 6 + col) * scale;
                                int y = y0 + r * scale;
                                if (pass == 0) {
                                    g.fillRect(x - 1, y - 1, scale + 2, scale + 2);
                                } else {
                                    g.fillRect(x, y, scale, scale);
                                }
                            }
                        }
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return box.intersection(new Rectangle(0, 0, img.getWidth(), img.getHeight()));
    }

    /** A 5x7 pixel font: each glyph is 7 rows of 5 bits, most significant bit = leftmost column. */
    static final class PixelFont {
        private static final String CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-:./_ ";
        private static final int[][] GLYPHS = {
            {0b01110, 0b10001, 0b10011, 0b10101, 0b11001, 0b10001, 0b01110}, // 0
            {0b00100, 0b01100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110}, // 1
            {0b01110, 0b10001, 0b00001, 0b00010, 0b00100, 0b01000, 0b11111}, // 2
            {0b11111, 0b00010, 0b00100, 0b00010, 0b00001, 0b10001, 0b01110}, // 3
            {0b00010, 0b00110, 0b01010, 0b10010, 0b11111, 0b00010, 0b00010}, // 4
            {0b11111, 0b10000, 0b11110, 0b00001, 0b00001, 0b10001, 0b01110}, // 5
            {0b00110, 0b01000, 0b10000, 0b11110, 0b10001, 0b10001, 0b01110}, // 6
            {0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b01000, 0b01000}, // 7
            {0b01110, 0b10001, 0b10001, 0b01110, 0b10001, 0b10001, 0b01110}, // 8
            {0b01110, 0b10001, 0b10001, 0b01111, 0b00001, 0b00010, 0b01100}, // 9
            {0b01110, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001}, // A
            {0b11110, 0b10001, 0b10001, 0b11110, 0b10001, 0b10001, 0b11110}, // B
            {0b01110, 0b10001, 0b10000, 0b10000, 0b10000, 0b10001, 0b01110}, // C
            {0b11100, 0b10010, 0b10001, 0b10001, 0b10001, 0b10010, 0b11100}, // D
            {0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b11111}, // E
            {0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b10000}, // F
            {0b01110, 0b10001, 0b10000, 0b10111, 0b10001, 0b10001, 0b01111}, // G
            {0b10001, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001}, // H
            {0b01110, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110}, // I
            {0b00111, 0b00010, 0b00010, 0b00010, 0b00010, 0b10010, 0b01100}, // J
            {0b10001, 0b10010, 0b10100, 0b11000, 0b10100, 0b10010, 0b10001}, // K
            {0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b11111}, // L
            {0b10001, 0b11011, 0b10101, 0b10101, 0b10001, 0b10001, 0b10001}, // M
            {0b10001, 0b10001, 0b11001, 0b10101, 0b10011, 0b10001, 0b10001}, // N
            {0b01110, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01110}, // O
            {0b11110, 0b10001, 0b10001, 0b11110, 0b10000, 0b10000, 0b10000}, // P
            {0b01110, 0b10001, 0b10001, 0b10001, 0b10101, 0b10010, 0b01101}, // Q
            {0b11110, 0b10001, 0b10001, 0b11110, 0b10100, 0b10010, 0b10001}, // R
            {0b01111, 0b10000, 0b10000, 0b01110, 0b00001, 0b00001, 0b11110}, // S
            {0b11111, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100}, // T
            {0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01110}, // U
            {0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01010, 0b00100}, // V
            {0b10001, 0b10001, 0b10001, 0b10101, 0b10101, 0b10101, 0b01010}, // W
            {0b10001, 0b10001, 0b01010, 0b00100, 0b01010, 0b10001, 0b10001}, // X
            {0b10001, 0b10001, 0b10001, 0b01010, 0b00100, 0b00100, 0b00100}, // Y
            {0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b10000, 0b11111}, // Z
            {0b00000, 0b00000, 0b00000, 0b11111, 0b00000, 0b00000, 0b00000}, // -
            {0b00000, 0b01100, 0b01100, 0b00000, 0b01100, 0b01100, 0b00000}, // :
            {0b00000, 0b00000, 0b00000, 0b00000, 0b00000, 0b01100, 0b01100}, // .
            {0b00000, 0b00001, 0b00010, 0b00100, 0b01000, 0b10000, 0b00000}, // /
            {0b00000, 0b00000, 0b00000, 0b00000, 0b00000, 0b00000, 0b11111}, // _
            {0b00000, 0b00000, 0b00000, 0b00000, 0b00000, 0b00000, 0b00000}, // space
        };
        private static final int[] UNKNOWN = {0b01110, 0b10001, 0b00001, 0b00010, 0b00100, 0b00000, 0b00100}; // ?

        private PixelFont() {
        }

        static int[] glyph(char c) {
            int i = CHARS.indexOf(c);
            return i < 0 ? UNKNOWN : GLYPHS[i];
        }
    }
}
