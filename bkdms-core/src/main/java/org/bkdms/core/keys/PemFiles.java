package org.bkdms.core.keys;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePrivateKey;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.error.DecodeException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Reads and writes keys as PEM (RFC 7468): public keys as {@code PUBLIC KEY} (SubjectPublicKeyInfo),
 * private keys as {@code PRIVATE KEY} (PKCS#8). Private key files are created readable by the owner only.
 */
public final class PemFiles {
    private PemFiles() {
    }

    /**
     * @param key public key
     * @return PEM text
     */
    public static String publicKeyPem(SuitePublicKey key) {
        return pem("PUBLIC KEY", key.subjectPublicKeyInfo());
    }

    /**
     * @param path target file
     * @param key public key
     * @throws IOException if writing fails
     */
    public static void writePublicKey(Path path, SuitePublicKey key) throws IOException {
        Files.writeString(path, publicKeyPem(key), StandardCharsets.US_ASCII);
    }

    /**
     * @param path target file, created with owner-only permissions where the file system allows
     * @param key private key
     * @throws IOException if writing fails
     */
    public static void writePrivateKey(Path path, SuitePrivateKey key) throws IOException {
        Files.deleteIfExists(path);
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(path);
        }
        Files.writeString(path, pem("PRIVATE KEY", key.pkcs8()), StandardCharsets.US_ASCII);
    }

    /**
     * @param path a PEM file holding a {@code PUBLIC KEY}
     * @param purpose what the key is for
     * @param suites supported suites
     * @return the key
     * @throws IOException if reading fails
     * @throws DecodeException if the file holds no public key PEM block
     */
    public static SuitePublicKey readPublicKey(Path path, KeyPurpose purpose, CryptoSuites suites) throws IOException {
        byte[] spki = read(path, "PUBLIC KEY");
        return KeyAlgorithms.suiteOf(suites, spki).publicKey(purpose, spki);
    }

    /**
     * @param path a PEM file holding a {@code PRIVATE KEY}
     * @param purpose what the key is for
     * @param suites supported suites
     * @return the key
     * @throws IOException if reading fails
     * @throws DecodeException if the file holds no private key PEM block
     */
    public static SuitePrivateKey readPrivateKey(Path path, KeyPurpose purpose, CryptoSuites suites) throws IOException {
        byte[] pkcs8 = read(path, "PRIVATE KEY");
        SuitePrivateKey anySuite = null;
        for (var suite : suites.all()) {
            try {
                anySuite = suite.privateKey(purpose, pkcs8);
                break;
            } catch (RuntimeException e) {
                // try the next suite
            }
        }
        if (anySuite == null) {
            throw new DecodeException(-1, path + ": private key belongs to no supported suite for " + purpose);
        }
        return anySuite;
    }

    private static byte[] read(Path path, String type) throws IOException {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.US_ASCII); PemReader pr = new PemReader(r)) {
            PemObject o;
            while ((o = pr.readPemObject()) != null) {
                if (o.getType().equals(type)) {
                    return o.getContent();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof java.nio.file.NoSuchFileException nsf) {
                throw nsf;
            }
            throw new DecodeException(-1, path + ": not a PEM file: " + e.getMessage(), e);
        }
        throw new DecodeException(-1, path + ": no '" + type + "' PEM block");
    }

    private static String pem(String type, byte[] der) {
        StringWriter sw = new StringWriter();
        try (Writer w = sw; PemWriter pw = new PemWriter(w)) {
            pw.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sw.toString();
    }
}
