package io.eobatch.stac;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Where STAC items come from: a STAC API ({@link StacApiCatalog}) or a static catalog of JSON files
 * ({@link StaticStacCatalog}); {@link StacCatalogs#open(java.net.URI)} picks one. Instances are thread-safe.
 *
 * <p>Every method throws {@link StacException} (unchecked) when a document cannot be fetched or is malformed; for
 * the lazy results of {@link #iterate(SearchRequest)} and {@link #search(SearchRequest)} that happens while
 * iterating.
 */
public interface StacCatalog {

    /**
     * The items matching {@code request}, fetched page by page as the iterator advances (a STAC API is asked for the
     * next page only when the current one is used up).
     */
    Iterator<StacItem> iterate(SearchRequest request);

    /** {@link #iterate(SearchRequest)} as a sequential, ordered, lazy stream. */
    default Stream<StacItem> search(SearchRequest request) {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterate(request), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The item {@code id} of collection {@code collection}, or empty when there is none. */
    Optional<StacItem> item(String collection, String id);

    /** The ids of the collections the catalog offers, in the catalog's order. */
    List<String> collections();
}
