package org.bkdms.core.keys;

/** The keystore entry names every BKDMS role uses for its own keys. */
public final class KeyAliases {
    /** A sampling site's signing key. */
    public static final String SITE_SIGNING = "site-signing";
    /** The smart city platform's administrative signing key (signs contracts and registry changes). */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** The smart city platform's current encryption key; rotated keys keep their own aliases. */
    public static final String PLATFORM_ENCRYPTION = "platform-encryption";

    /** A ledger node's block-signing key. */
    public static final String NODE_SIGNING = "node-signing";

    private KeyAliases() {
    }
}
