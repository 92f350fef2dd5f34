/**
 * A small STAC client: search a STAC API or a static STAC catalog and get typed items and assets.
 *
 * <p>Entry point: {@link io.eobatch.stac.StacCatalogs#open(java.net.URI)} returns a
 * {@link io.eobatch.stac.StacCatalog} ({@link io.eobatch.stac.StacApiCatalog} or
 * {@link io.eobatch.stac.StaticStacCatalog}); {@link io.eobatch.stac.SearchRequest} says what to look for.
 *
 * <p>Why our own: the one Java STAC client on Maven Central ({@code java-stac-client}, alpha) has neither the
 * {@code query} extension (our cloud-cover filter) nor paging through {@code next} links (notes/eo.md). This package
 * is java.net.http plus JSON-P (jakarta.json, provided by WildFly), and JTS for footprints.
 *
 * <p>Units: geometries and bboxes are EPSG:4326 degrees, x = longitude, y = latitude (GeoJSON order); datetimes are
 * UTC {@link java.time.Instant}s; cloud cover is in percent.
 */
package io.eobatch.stac;
