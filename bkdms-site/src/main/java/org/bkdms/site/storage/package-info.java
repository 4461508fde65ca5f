/**
 * Storage capability (Y.4907 clause 8.1): the site's durable store of intermediate results, the
 * outbox of sealed packets with their confirmations, the quarantine and the collectors'
 * checkpoints, in an embedded H2 database migrated by Flyway.
 */
package org.bkdms.site.storage;
