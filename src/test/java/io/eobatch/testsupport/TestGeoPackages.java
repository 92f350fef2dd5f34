package io.eobatch.testsupport;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.sf.GeometryType;
import mil.nga.sf.LineString;
import mil.nga.sf.Point;
import mil.nga.sf.Polygon;

/** GeoPackages written for tests (the reader's unit tests and the upload ITs), with the GeoPackage library itself. */
public final class TestGeoPackages {

    private TestGeoPackages() {
    }

    /** A feature: its fid, {@code id} and {@code name} column values and geometry. */
    public record Row(long fid, String id, String name, mil.nga.sf.Geometry geometry) {
    }

    /** A polygon of one ring, {@code {x, y}} pairs (lon/lat in EPSG:4326), closed by the caller. */
    public static Polygon polygon(double[][] ring) {
        LineString line = new LineString();
        for (double[] p : ring) {
            line.addPoint(new Point(p[0], p[1]));
        }
        Polygon polygon = new Polygon();
        polygon.addRing(line);
        return polygon;
    }

    /**
     * Writes to {@code path} a GeoPackage with one feature table {@code layer} in EPSG {@code epsg} (-1: undefined
     * Cartesian), with {@code id} and {@code name} columns when {@code withIdColumn}; returns {@code path}.
     */
    public static Path write(Path path, long epsg, List<Row> rows, boolean withIdColumn) throws Exception {
        File file = path.toFile();
        GeoPackageManager.create(file);
        try (GeoPackage gpkg = GeoPackageManager.open(file)) {
            SpatialReferenceSystem srs = gpkg.getSpatialReferenceSystemDao().queryForId(epsg);
            if (srs == null) {
                srs = new SpatialReferenceSystem();
                srs.setSrsName("EPSG:" + epsg);
                srs.setSrsId(epsg);
                srs.setOrganization("EPSG");
                srs.setOrganizationCoordsysId(epsg);
                srs.setDefinition("undefined"); // the reader goes by organization and code only
                gpkg.getSpatialReferenceSystemDao().create(srs);
            }
            GeometryColumns columns = new GeometryColumns();
            columns.setTableName("layer");
            columns.setColumnName("geom");
            columns.setGeometryType(GeometryType.GEOMETRY);
            columns.setZ((byte) 0);
            columns.setM((byte) 0);
            columns.setSrs(srs);
            List<FeatureColumn> extra = new ArrayList<>();
            if (withIdColumn) {
                extra.add(FeatureColumn.createColumn("id", GeoPackageDataType.TEXT));
                extra.add(FeatureColumn.createColumn("name", GeoPackageDataType.TEXT));
            }
            gpkg.createFeatureTable(FeatureTableMetadata.create(columns, "fid", extra));
            FeatureDao dao = gpkg.getFeatureDao("layer");
            dao.getTable().setPkModifiable(true);
            for (Row r : rows) {
                FeatureRow row = dao.newRow();
                row.setId(r.fid());
                if (withIdColumn) {
                    row.setValue("id", r.id());
                    row.setValue("name", r.name());
                }
                GeoPackageGeometryData data = GeoPackageGeometryData.create(srs.getSrsId(), r.geometry());
                row.setGeometry(data);
                dao.insert(row);
            }
        }
        return file.toPath();
    }

}
