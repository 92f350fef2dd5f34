package io.eobatch.provider.stac;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.net.ConnectException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.TransientSourceException;
import io.eobatch.raster.io.HttpStatusException;

class StacProviderClassifyTest {

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void passingHttpErrorsAreRetried(int status) {
        assertInstanceOf(TransientSourceException.class,
                StacProvider.classify("x", new HttpStatusException(status, "HTTP " + status)));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410})
    void finalHttpErrorsFailTheItem(int status) {
        assertInstanceOf(ItemDataException.class,
                StacProvider.classify("x", new HttpStatusException(status, "HTTP " + status)));
    }

    /** Catalog errors from a real HTTP answer: 5xx and 429 are retried, 404 fails the item. */
    @ParameterizedTest
    @ValueSource(ints = {404, 429, 500, 503})
    void catalogHttpErrors(int status) throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
        try {
            java.net.URI url = java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/catalog.json");
            io.eobatch.stac.StacException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.eobatch.stac.StacException.class, () -> io.eobatch.stac.StacCatalogs.open(url).collections());
            RuntimeException r = StacProvider.classify("search of catalog x", e);
            Class<? extends RuntimeException> expected = status == 404 ? ItemDataException.class
                    : TransientSourceException.class;
            assertInstanceOf(expected, r);
            org.junit.jupiter.api.Assertions.assertTrue(r.getMessage().startsWith("search of catalog x: "));
        } finally {
            server.stop(0);
        }
    }

    @org.junit.jupiter.api.Test
    void malformedCatalogDocumentsFailTheItemAndUnreachableCatalogsAreRetried() {
        java.net.URI url = java.net.URI.create("file:///catalog.json");
        assertInstanceOf(ItemDataException.class, StacProvider.classify("x",
                new io.eobatch.stac.StacException(url, "features[0].id", "missing")));
        assertInstanceOf(TransientSourceException.class, StacProvider.classify("x",
                new io.eobatch.stac.StacException(url, null, "connection refused")));
    }

    @org.junit.jupiter.api.Test
    void refusedConnectionsAreRetriedAndBadFilesFailTheItem() {
        assertInstanceOf(TransientSourceException.class,
                StacProvider.classify("x", new IOException("GET", new ConnectException("refused"))));
        assertInstanceOf(ItemDataException.class,
                StacProvider.classify("x", new IOException("not a TIFF: bad magic")));
    }
}
