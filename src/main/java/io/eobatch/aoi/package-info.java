/**
 * Areas of interest: the {@link io.eobatch.aoi.Aoi} record (EPSG:4326 lon/lat degrees), reading uploads (GeoJSON,
 * GeoPackage) with every geometry check and the refusals they give, the AOIs' GeoJSON for the API, their area on the
 * ellipsoid, and the stored AOIs ({@code aoi} table, {@link io.eobatch.aoi.AoiRepository}).
 * Not here: the HTTP resource (rest), and reprojecting AOIs onto raster grids (raster).
 */
package io.eobatch.aoi;
