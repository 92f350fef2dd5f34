/**
 * The {@code stac} provider: scenes from a STAC API or a static catalog, statistics and images computed in-process
 * from their COGs ({@link io.eobatch.provider.stac.StacProvider}, {@link io.eobatch.provider.stac.OpenedScenes}),
 * and the per-host throttle every STAC and COG request goes through ({@link io.eobatch.provider.stac.StacHttpGate},
 * installed at start-up). Not here: the STAC client (stac) and the pixel work (raster).
 */
package io.eobatch.provider.stac;
