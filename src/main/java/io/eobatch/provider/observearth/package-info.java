/**
 * The {@code observearth} provider's client: {@link io.eobatch.provider.observearth.ObserveEarthClient} (geometry
 * registration, Sentinel-2 search, statistics and images, with the {@code X-API-Key} header), configured by
 * {@link io.eobatch.provider.observearth.ObserveEarthConfig} ({@code eobatch.provider.observearth.url},
 * {@code .api-key}, {@code .timeout-s}). The request and answer shapes and where each comes from are in the client's
 * Javadoc; the statistics fields beyond {@code date} and {@code mean_value} are not published and are read only when
 * present.
 */
package io.eobatch.provider.observearth;
