package org.bkdms.ledger.block;

/**
 * A byte range inside an encoding.
 *
 * @param offset first byte
 * @param length number of bytes
 */
public record Span(int offset, int length) {
}
