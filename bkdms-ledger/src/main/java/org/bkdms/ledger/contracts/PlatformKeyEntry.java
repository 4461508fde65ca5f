package org.bkdms.ledger.contracts;

import org.bkdms.core.crypto.SuitePublicKey;

/**
 * An encryption key of the smart city platform in the on-chain key directory.
 *
 * @param key the key (its id and suite travel with it)
 * @param sinceHeight the block that published it
 */
public record PlatformKeyEntry(SuitePublicKey key, long sinceHeight) {
}
