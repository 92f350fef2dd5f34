package io.eobatch.stac;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One asset of a STAC item (e.g. Earth Search v1 {@code red} = B04 COG).
 *
 * @param key           the asset key in the item ({@code blue}, {@code green}, {@code red}, {@code nir}, {@code scl},
 *                      {@code visual}, ...)
 * @param href          absolute URI of the file: relative hrefs are resolved against the item document's own URL
 * @param type          media type, e.g. {@code image/tiff; application=geotiff; profile=cloud-optimized}; may be null
 * @param roles         asset roles ({@code data}, {@code reflectance}, {@code visual}, ...); never null
 * @param title         human title, may be null
 * @param projShape     {@code proj:shape}: [rows, columns] (Y then X, as the projection extension says), or null
 * @param projTransform {@code proj:transform}: the GDAL-style affine transform in the item's CRS units
 *                      [a, b, c, d, e, f(, 0, 0, 1)] with x = a*col + b*row + c and y = d*col + e*row + f
 *                      (note: not GDAL's coefficient order), or null
 * @param nodata        the nodata value (asset {@code nodata}, else the first {@code raster:bands[].nodata}), or null
 * @param scale         first {@code raster:bands[].scale} (DN to physical value, e.g. 0.0001), or null
 * @param offset        first {@code raster:bands[].offset} (e.g. -0.1 for baseline >= 04.00), or null. Earth Search
 *                      keeps -0.1 here even when {@code earthsearch:boa_offset_applied} is true: use
 *                      {@link StacItem#boaOffsetDn()} rather than this for Sentinel-2 L2A
 * @param json          the raw asset object
 */
public record StacAsset(String key, URI href, String type, List<String> roles, String title, int[] projShape,
                        double[] projTransform, Double nodata, Double scale, Double offset, JsonObject json) {

    public StacAsset {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(href, "href");
        roles = roles == null ? List.of() : List.copyOf(roles);
        projShape = projShape == null ? null : projShape.clone();
        projTransform = projTransform == null ? null : projTransform.clone();
    }

    /**
     * Parses the asset {@code key} found at JSON path {@code assetsPath} ("assets" for an item document) of the
     * document at {@code url}, resolving a relative href against {@code base}.
     */
    static StacAsset parse(String key, JsonObject a, URI base, URI url, String assetsPath) {
        String path = assetsPath + "." + key;
        String hrefText = JsonFields.optString(a, "href", url, path);
        if (hrefText == null || hrefText.isBlank()) {
            throw new StacException(url, path + ".href", "missing");
        }
        URI href = JsonFields.resolve(base, hrefText, url, path + ".href");
        int[] shape = JsonFields.optInts(a, "proj:shape", url, path);
        if (shape != null && (shape.length != 2 || shape[0] < 0 || shape[1] < 0)) {
            throw new StacException(url, path + ".proj:shape", "expected [rows, columns], found " + Arrays.toString(shape));
        }
        double[] transform = JsonFields.optDoubles(a, "proj:transform", url, path);
        if (transform != null && transform.length != 6 && transform.length != 9) {
            throw new StacException(url, path + ".proj:transform", "expected 6 or 9 numbers, found " + transform.length);
        }
        Double nodata = JsonFields.optDouble(a, "nodata", url, path);
        Double scale = null;
        Double offset = null;
        JsonArray bands = JsonFields.optArray(a, "raster:bands", url, path);
        if (bands != null && !bands.isEmpty()) {
            String bp = path + ".raster:bands[0]";
            JsonObject band = JsonFields.objectAt(bands, 0, url, path + ".raster:bands");
            if (nodata == null) {
                nodata = JsonFields.optDouble(band, "nodata", url, bp);
            }
            scale = JsonFields.optDouble(band, "scale", url, bp);
            offset = JsonFields.optDouble(band, "offset", url, bp);
        }
        return new StacAsset(key, href, JsonFields.optString(a, "type", url, path),
                JsonFields.optStrings(a, "roles", url, path), JsonFields.optString(a, "title", url, path),
                shape, transform, nodata, scale, offset, a);
    }

    @Override
    public int[] projShape() {
        return projShape == null ? null : projShape.clone();
    }

    @Override
    public double[] projTransform() {
        return projTransform == null ? null : projTransform.clone();
    }

    /** Columns from {@code proj:shape}, or -1 when unknown. */
    public int width() {
        return projShape == null ? -1 : projShape[1];
    }

    /** Rows from {@code proj:shape}, or -1 when unknown. */
    public int height() {
        return projShape == null ? -1 : projShape[0];
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StacAsset other && key.equals(other.key) && href.equals(other.href)
                && Objects.equals(type, other.type) && roles.equals(other.roles) && Objects.equals(title, other.title)
                && Arrays.equals(projShape, other.projShape) && Arrays.equals(projTransform, other.projTransform)
                && Objects.equals(nodata, other.nodata) && Objects.equals(scale, other.scale)
                && Objects.equals(offset, other.offset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, href, type, roles, title, Arrays.hashCode(projShape), Arrays.hashCode(projTransform),
                nodata, scale, offset);
    }

    @Override
    public String toString() {
        return "StacAsset[" + key + " " + href + "]";
    }
}
