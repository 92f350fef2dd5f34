package io.eobatch.raster.composite;

import jakarta.json.JsonObject;
import io.eobatch.results.JsonValues;

/**
 * What a tiled composite will read, estimated before any pixel is read (Sentinel Hub Batch's "analyse").
 *
 * <p>{@code bytesToRead = sum over tiles of (scenes over the tile) x bands x pixels x 2 bytes x compression}, where
 * bands = the index's bands + SCL, pixels = the tile's written extent (with buffer) in pixels of the finer of the
 * output resolution and the source resolution (10 m for Sentinel-2 L2A's 10 m bands; SCL is 20 m, counted as
 * 10 m: an over-estimate), 2 bytes per UInt16 sample and {@link #COMPRESSION_GUESS} for DEFLATE on reflectances.
 * It ignores the COG tiles read beyond the tile's edges (up to one internal tile per side) and the headers: real
 * reads can be larger for small tiles, smaller over sparse (nodata) scene edges.
 *
 * @param tiles       tiles of the grid that intersect the area
 * @param tileScenes  sum over the tiles of the scenes found over each (a scene over two tiles counts twice)
 * @param scenes      distinct scenes
 * @param tilePixels  pixels per tile and band at the output resolution (with buffer)
 * @param bytesToRead estimated compressed bytes read from the scenes' COGs
 */
public record TileEstimate(int tiles, long tileScenes, int scenes, long tilePixels, long bytesToRead) {

    /** Compressed size / raw size assumed for DEFLATE-compressed Sentinel-2 reflectance COGs. */
    public static final double COMPRESSION_GUESS = 0.6;

    /** Native resolution of the Sentinel-2 L2A 10 m bands, metres. */
    public static final double SOURCE_RESOLUTION = 10.0;

    /** The estimate for a grid, its tiles' scene counts, the distinct scenes and the bands read per scene. */
    public static TileEstimate of(TilingGrid grid, int tiles, long tileScenes, int scenes, int bandsPerScene) {
        long side = grid.tilePixels() + 2L * grid.buffer();
        long tilePixels = side * side;
        double readRes = Math.min(grid.resolution(), SOURCE_RESOLUTION);
        double sideRead = side * grid.resolution() / readRes;
        long bytes = Math.round(tileScenes * (double) bandsPerScene * sideRead * sideRead * 2 * COMPRESSION_GUESS);
        return new TileEstimate(tiles, tileScenes, scenes, tilePixels, bytes);
    }

    public JsonObject toJson() {
        return JsonValues.JSON.createObjectBuilder().add("tiles", tiles).add("tileScenes", tileScenes).add("scenes", scenes)
                .add("tilePixels", tilePixels).add("bytesToRead", bytesToRead)
                .add("compressionGuess", COMPRESSION_GUESS).add("sourceResolution", SOURCE_RESOLUTION).build();
    }

    @Override
    public String toString() {
        return tiles + " tile(s), " + tileScenes + " tile-scene(s) from " + scenes + " scene(s), ~"
                + (bytesToRead + 512 * 1024) / (1024 * 1024) + " MiB to read";
    }
}
