/**
 * Images from index and band grids with the JDK only (ImageIO, Java2D; headless): {@link
 * io.eobatch.raster.image.ColorMap} (index -> colour, transparent where invalid), {@link
 * io.eobatch.raster.image.TrueColour} (fixed reflectance stretch), {@link io.eobatch.raster.image.PngWriter} and
 * {@link io.eobatch.raster.image.AnimatedGif} (labelled, looping time-lapse). Files are written atomically.
 *
 * <p>Grids are row-major ({@code values[row * width + col]}), row 0 at the top (north for north-up rasters).
 */
package io.eobatch.raster.image;
