package org.bkdms.ledger.tx;

import org.bkdms.core.der.DerReader;
import org.bkdms.core.error.DecodeException;

/** The leading version INTEGER every ledger structure carries. */
final class VersionCheck {
    static final int VERSION = 1;

    private VersionCheck() {
    }

    static void require(DerReader r, String structure) {
        int at = r.position();
        long v = r.readLong(0, Integer.MAX_VALUE, structure + ".version");
        if (v != VERSION) {
            throw new DecodeException(at, "unsupported " + structure + " version " + v);
        }
    }
}
