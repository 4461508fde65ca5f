package org.bkdms.core.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * A random secret kept in a file that only its owner may read: the password of an embedded database
 * that opens a loopback port, or of a keystore a program made for itself. The file holds one line;
 * it is written whole (a temporary file moved into place) so that a crash never leaves half of one.
 */
public final class SecretFile {
    private SecretFile() {
    }

    /** @return a new secret: 24 random octets, base64url without padding (32 characters) */
    public static String newSecret() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * @param file the secret's file
     * @return its secret, or empty if the file does not exist
     * @throws IOException if it cannot be read, or is empty
     */
    public static Optional<String> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String line = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        if (line.isEmpty()) {
            throw new IOException(file + " is empty: it should hold a secret");
        }
        return Optional.of(line);
    }

    /**
     * Writes a secret into a new owner-only file, replacing any file of that name.
     *
     * @param file the secret's file
     * @param secret the secret
     * @return the secret
     * @throws IOException if it cannot be written
     */
    public static String write(Path file, String secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return secret;
    }

    /**
     * @param file the secret's file
     * @return its secret; a new one, written to the file, if it does not exist yet
     * @throws IOException if it cannot be read or written, or is empty
     */
    public static String readOrCreate(Path file) throws IOException {
        Optional<String> existing = read(file);
        return existing.isPresent() ? existing.get() : write(file, newSecret());
    }
}
