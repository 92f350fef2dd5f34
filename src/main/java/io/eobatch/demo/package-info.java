/**
 * The embedded synthetic demo catalog: a Sentinel-2 L2A-like static STAC catalog of real COGs over an invented
 * landscape (UTM 33N), generated on first use so that the quick start needs no download: the catalog and its
 * writer, the scenes, landscape, surface reflectance, sky and counter-based noise they are drawn from.
 * Not here: reading catalogs (stac) or writing COGs ({@code raster.tiff.CogWriter}).
 */
package io.eobatch.demo;
