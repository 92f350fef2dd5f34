/**
 * The rules every outbound HTTP request of eobatch follows (STAC documents, searches and their {@code next} pages,
 * COG range reads, Sentinel Hub and ObservEarth calls): where it may go ({@link io.eobatch.outbound.OutboundPolicy}:
 * schemes and hosts allowed per catalog, never a link-local address), how much it may read and for how long
 * ({@link io.eobatch.outbound.OutboundLimits}: one deadline for headers <em>and</em> body, a size limit per answer),
 * and how redirects are followed ({@link io.eobatch.outbound.OutboundHttp}: by us, hop by hop, each hop checked, and
 * the caller's headers, credentials among them, never carried to another origin).
 *
 * <p>Low level on purpose: the STAC client ({@code io.eobatch.stac}), the range reader ({@code io.eobatch.raster.io})
 * and the provider clients ({@code io.eobatch.provider.http}) all use it; it knows nothing of them, of CDI or of
 * MicroProfile Config ({@code io.eobatch.config.EobatchConfig} builds the policies from the configuration).
 */
package io.eobatch.outbound;
