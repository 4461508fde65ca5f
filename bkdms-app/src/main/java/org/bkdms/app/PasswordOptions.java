package org.bkdms.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a keystore password comes from. Passwords are never taken as command-line arguments,
 * which other users of the machine could read from the process list.
 */
public final class PasswordOptions {
    /** Environment variable read when no other source is given. */
    public static final String DEFAULT_ENV = "BKDMS_KEYSTORE_PASSWORD";

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the keystore password from the first line of FILE.")
    Path passwordFile;

    @Option(names = "--password-env", paramLabel = "VAR", defaultValue = DEFAULT_ENV,
            description = "Read the keystore password from environment variable VAR (default: ${DEFAULT-VALUE}).")
    String passwordEnv = DEFAULT_ENV;

    /**
     * @return the password
     * @throws IOException if the password file cannot be read
     * @throws InputException if no source holds a password
     */
    public char[] password() throws IOException {
        if (passwordFile != null) {
            String first = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            if (first.isEmpty()) {
                throw new InputException("password file " + passwordFile + " is empty", null);
            }
            return first.toCharArray();
        }
        String v = System.getenv(passwordEnv);
        if (v == null || v.isEmpty()) {
            throw new InputException("no keystore password: set " + passwordEnv + " or use --password-file", null);
        }
        return v.toCharArray();
    }
}
