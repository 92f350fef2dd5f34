package io.eobatch.results;

import java.util.Locale;

/**
 * The media type and the role of a result file, from its relative path. Roles are those of STAC assets:
 * {@code chart} (anything under a {@code charts/} folder), {@code thumbnail} (a file name with "thumb" in it),
 * {@code data} (tables, JSON numbers, GeoTIFFs), {@code visual} (a true-colour image: "truecolo(u)r" in the file
 * name), {@code overview} (other images: PNGs per AOI and month, animated
 * GIFs, mosaics), {@code metadata} (GeoJSON, text, XML).
 */
public final class ResultTypes {

    /** A Cloud-Optimized GeoTIFF, as STAC's best practices name it. */
    public static final String COG = "image/tiff; application=geotiff; profile=cloud-optimized";

    private ResultTypes() {
    }

    /** The media type of a result file, by extension; {@code application/octet-stream} when unknown. */
    public static String mediaType(String path) {
        if (zarrMetadata(path)) {
            return "application/json";
        }
        return switch (extension(path)) {
            case "csv" -> "text/csv";
            case "json" -> "application/json";
            case "geojson" -> "application/geo+json";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "jpg", "jpeg" -> "image/jpeg";
            case "tif", "tiff" -> COG;
            case "txt" -> "text/plain";
            case "xml" -> "application/xml";
            default -> "application/octet-stream";
        };
    }

    /** The STAC asset role of a result file: chart, thumbnail, visual, data, overview or metadata. */
    public static String role(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.startsWith("charts/") || p.contains("/charts/")) {
            return "chart";
        }
        if (p.contains(".zarr/")) { // a Zarr store: its metadata, and chunks of the data
            return zarrMetadata(p) ? "metadata" : "data";
        }
        String name = p.substring(p.lastIndexOf('/') + 1);
        if (name.contains("thumb")) {
            return "thumbnail";
        }
        if (name.contains("truecolour") || name.contains("truecolor")) {
            return "visual";
        }
        return switch (extension(p)) {
            case "csv", "json", "tif", "tiff" -> "data";
            case "png", "gif", "jpg", "jpeg" -> "overview";
            default -> "metadata";
        };
    }

    /** The names of Zarr v2's metadata files, the only result names that start with a dot. */
    public static final java.util.Set<String> ZARR_METADATA = java.util.Set.of(".zarray", ".zattrs", ".zgroup",
            ".zmetadata");

    /** Whether the path's file is Zarr v2 metadata ({@code .zarray}, {@code .zattrs}, ...). */
    static boolean zarrMetadata(String path) {
        return ZARR_METADATA.contains(path.substring(path.lastIndexOf('/') + 1));
    }

    static String extension(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
