package io.eobatch.batch.tiles;

import io.eobatch.raster.composite.Tile;
import io.eobatch.raster.composite.TilingGrid;

/**
 * The ledger key of a tile, {@code <tile id>/<epsg>/<column>/<row>}: unique in the instance, and enough (with the
 * job's tileSize, resolution and buffer) to rebuild the tile's grid exactly, which the tile id alone (kilometres)
 * is not for tile sizes that are not whole kilometres.
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
        if (f.length != 4) {
            throw new IllegalArgumentException("not a tile key: " + key);
        }
        TilingGrid grid = new TilingGrid(Integer.parseInt(f[1]), tileSizeM, resolution, buffer);
        return grid.tile(Long.parseLong(f[2]), Long.parseLong(f[3]));
    }
}
