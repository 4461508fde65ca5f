package org.bkdms.site.collection;

import java.io.IOException;
import java.util.Optional;
import org.bkdms.site.storage.SiteStore;

/**
 * A source of city indicator data (Y.4907 clause 8.1, collection capability): a local database,
 * a folder of files, sensor messages, an HTTP endpoint.
 *
 * <p>Contract: {@link #poll} MUST NOT consider anything read until the site has committed the
 * batch's checkpoint; after a crash, everything after the last committed checkpoint is read
 * again, and nothing before it. Called from one thread at a time.
 */
public interface Collector extends AutoCloseable {

    /** @return the collector's name, unique within the site */
    String name();

    /**
     * Reads the next batch.
     *
     * @param store the site store, for reading this collector's checkpoints
     * @return the batch, or empty if nothing new is there
     * @throws IOException if the source cannot be read now; the site retries later
     */
    Optional<Batch> poll(SiteStore store) throws IOException;

    /** Releases the source's resources. */
    @Override
    default void close() {
    }
}
