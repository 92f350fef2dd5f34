package io.eobatch.raster.stats;

/** The Sentinel-2 L2A reflectance bands the spectral indices use (all on the 10 m grid). */
public enum Band {
    /** B02, 490 nm. */
    BLUE("B02", "blue"),
    /** B03, 560 nm. */
    GREEN("B03", "green"),
    /** B04, 665 nm. */
    RED("B04", "red"),
    /** B08, 842 nm. */
    NIR("B08", "nir");

    private final String sentinel2Name;
    private final String stacAssetKey;

    Band(String sentinel2Name, String stacAssetKey) {
        this.sentinel2Name = sentinel2Name;
        this.stacAssetKey = stacAssetKey;
    }

    /** The band's Sentinel-2 name, e.g. "B04". */
    public String sentinel2Name() {
        return sentinel2Name;
    }

    /** The key of the band's asset in an Earth Search v1 STAC item, e.g. "red". */
    public String stacAssetKey() {
        return stacAssetKey;
    }
}
