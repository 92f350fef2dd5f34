package io.eobatch.batch.tiles;

import io.eobatch.raster.composite.Tile;
import io.eobatch.raster.composite.TilingGrid;

/**
 * The ledger key of a tile, {@code <tile id>/<epsg>/<column>/<row>}: unique in the instance, and enough (with the
 * job's tileSize, resolution and buffer) to rebuild the tile's grid exactly, which the tile id alone (kilometres)
 * is not for tile sizes that are not whole kilometres. A feature's tile (aoiSet, {@link AreaTiles}) has the key
 * {@code <aoi id>/<epsg>/<x0>/<y1>/<width>/<height>} (pixels).
 */
final class TileKey {

    private TileKey() {
    }

    static String of(Tile tile, TilingGrid grid) {
        return tile.id() + "/" + grid.epsg() + "/" + tile.column() + "/" + tile.row();
    }

    /** The tile of a key on the grid of the job's parameters. */
    static Tile parse(String key, double tileSizeM, double resolution, int buffer) {
        String[] f = key.split("/");
        if (f.length == 6) { // a feature's tile (AreaTiles): id/epsg/x0/y1/width/height in pixels
            return AreaTiles.tile(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Integer.parseInt(f[4]), Integer.parseInt(f[5]), resolution, buffer);
        }
        if (f.length != 4) {
            throw new IllegalArgumentException("not a tile key: " + key);
        }
        TilingGrid grid = new TilingGrid(Integer.parseInt(f[1]), tileSizeM, resolution, buffer);
        return grid.tile(Long.parseLong(f[2]), Long.parseLong(f[3]));
    }
}
