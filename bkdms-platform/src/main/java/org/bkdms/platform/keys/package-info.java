/**
 * Y.4907 clause 8.3, "Encryption and encapsulation": the platform's admin key, its encryption keys
 * with their ids and rotation, and its TLS identity.
 */
package org.bkdms.platform.keys;
