package org.bkdms.platform.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bkdms.core.crypto.Sha256;
import org.bkdms.platform.PlatformException;

/**
 * The users of the REST API with their roles and PBKDF2-HMAC-SHA256 password hashes, read from a
 * YAML file:
 * <pre>
 * users:
 *   - name: alice
 *     role: ADMIN
 *     passwordHash: pbkdf2-sha256$210000$&lt;salt, base64&gt;$&lt;hash, base64&gt;
 * </pre>
 * No password is stored. PBKDF2 is slow on purpose, so a successful check is remembered, keyed by a
 * SHA-256 of name and password that never leaves memory. Thread-safe.
 */
public final class Users {
    /** Iterations of new hashes (OWASP's 2023 advice for PBKDF2-HMAC-SHA256). */
    public static final int ITERATIONS = 210_000;
    private static final String SCHEME = "pbkdf2-sha256";

    /**
     * One user.
     *
     * @param name the user name
     * @param role the role
     * @param passwordHash the encoded PBKDF2 hash
     */
    public record User(String name, Role role, String passwordHash) {
    }

    /**
     * The file's form.
     *
     * @param users the users
     */
    public record UsersFile(List<User> users) {
    }

    private final Map<String, User> users;
    private final Map<String, Role> verified = new ConcurrentHashMap<>();

    /** @param users the users */
    public Users(List<User> users) {
        Map<String, User> m = new LinkedHashMap<>();
        for (User u : users) {
            if (u.name() == null || u.role() == null || u.passwordHash() == null || !u.passwordHash().startsWith(SCHEME + "$")) {
                throw new PlatformException(PlatformException.Kind.INVALID_CONFIG, "each user needs a name, a role and a "
                        + SCHEME + " password hash");
            }
            m.put(u.name(), u);
        }
        this.users = Map.copyOf(m);
    }

    /**
     * @param file a users file
     * @return the users
     * @throws IOException if it cannot be read
     * @throws PlatformException if it is not a valid users file
     */
    public static Users read(Path file) throws IOException {
        return new Users(readFile(file).users());
    }

    private static UsersFile readFile(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            UsersFile f = yaml.readValue(file.toFile(), UsersFile.class);
            return f == null || f.users() == null ? new UsersFile(List.of()) : f;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new PlatformException(PlatformException.Kind.INVALID_CONFIG, file + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Adds or replaces a user in a users file (creating it), written atomically.
     *
     * @param file the users file
     * @param name the user
     * @param role the role
     * @param password the password, hashed before it is written
     * @throws IOException if the file cannot be read or written
     */
    public static void put(Path file, String name, Role role, char[] password) throws IOException {
        List<User> list = new ArrayList<>(Files.exists(file) ? readFile(file).users() : List.of());
        list.removeIf(u -> u.name().equals(name));
        list.add(new User(name, role, hash(password)));
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            yaml.writeValue(tmp.toFile(), new UsersFile(list));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * @param password a password
     * @return its encoded PBKDF2 hash with a fresh salt
     */
    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(pbkdf2(password, salt, ITERATIONS));
    }

    /**
     * @param name a user name
     * @param password the password offered
     * @return the user's role if the password is right
     */
    public Optional<Role> authenticate(String name, char[] password) {
        User u = users.get(name);
        if (u == null) {
            return Optional.empty();
        }
        String key = Base64.getEncoder().encodeToString(Sha256.digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new byte[] {0}, new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Role cached = verified.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        String[] parts = u.passwordHash().split("\\$");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (MessageDigest.isEqual(expected, pbkdf2(password, salt, iterations))) {
                verified.put(key, u.role());
                return Optional.of(u.role());
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
        }
    }
}
