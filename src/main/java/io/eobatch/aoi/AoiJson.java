package io.eobatch.aoi;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;

import jakarta.json.stream.JsonGenerator;

import org.locationtech.jts.geom.Envelope;


/**
 * AOIs as GeoJSON (RFC 7946) for the REST API: a Feature per AOI with its {@code id}, {@code bbox}
 * ([min lon, min lat, max lon, max lat], degrees), {@code properties} {@code id}, {@code name}, {@code areaM2}
 * (m2 on the WGS 84 ellipsoid, see {@link AoiArea}; rounded to 0.1 m2) and {@code created} (ISO-8601 UTC), and
 * its geometry (left out on request in listings).
 */
public final class AoiJson {

    private AoiJson() {
    }

    /** One AOI as a GeoJSON Feature text. */
    public static String feature(Aoi aoi) {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = AoiGeometries.JSON.createGenerator(out)) {
            write(gen, aoi, true);
        }
        return out.toString();
    }

    /** AOIs as a GeoJSON FeatureCollection text. */
    public static String featureCollection(List<Aoi> aois, boolean withGeometry) {
        StringWriter out = new StringWriter();
        featureCollection(aois, withGeometry, out);
        return out.toString();
    }

    /** AOIs as a GeoJSON FeatureCollection, written to {@code out} (UTF-8). */
    public static void featureCollection(List<Aoi> aois, boolean withGeometry, OutputStream out) {
        try (JsonGenerator gen = AoiGeometries.JSON.createGenerator(out)) {
            featureCollection(gen, aois, withGeometry);
        }
    }

    private static void featureCollection(List<Aoi> aois, boolean withGeometry, Writer out) {
        try (JsonGenerator gen = AoiGeometries.JSON.createGenerator(out)) {
            featureCollection(gen, aois, withGeometry);
        }
    }

    private static void featureCollection(JsonGenerator gen, List<Aoi> aois, boolean withGeometry) {
        gen.writeStartObject().write("type", "FeatureCollection").writeStartArray("features");
        for (Aoi aoi : aois) {
            write(gen, aoi, withGeometry);
        }
        gen.writeEnd().writeEnd();
    }

    private static void write(JsonGenerator gen, Aoi aoi, boolean withGeometry) {
        Envelope bbox = aoi.bbox();
        gen.writeStartObject().write("type", "Feature").write("id", aoi.id());
        gen.writeStartArray("bbox").write(bbox.getMinX()).write(bbox.getMinY()).write(bbox.getMaxX())
                .write(bbox.getMaxY()).writeEnd();
        gen.writeStartObject("properties")
                .write("id", aoi.id())
                .write("name", aoi.name())
                .write("areaM2", BigDecimal.valueOf(AoiArea.squareMetres(aoi.geometry())).setScale(1,
                        RoundingMode.HALF_UP))
                .write("created", aoi.created().toString())
                .writeEnd();
        if (withGeometry) {
            gen.writeKey("geometry");
            AoiGeometries.write(gen, aoi.geometry());
        } else {
            gen.writeNull("geometry");
        }
        gen.writeEnd();
    }
}
