package org.bkdms.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.bkdms.core.crypto.CryptoSuites;
import org.bkdms.core.crypto.KeyPurpose;
import org.bkdms.core.crypto.SuitePublicKey;
import org.bkdms.core.keys.PemFiles;
import org.bkdms.core.keys.KeyStoreFile;
import org.bkdms.core.record.UnifiedKpiRecord;
import org.bkdms.core.record.UnifiedKpiRecordCodec;

/** Reading the command line's input files. */
final class Inputs {
    /** Largest input file read, far above any record or packet. */
    static final long MAX_INPUT = 1 << 20;

    private Inputs() {
    }

    static byte[] read(Path path) throws IOException {
        long size = Files.size(path);
        if (size > MAX_INPUT) {
            throw new InputException(path + " has " + size + " bytes; inputs are limited to " + MAX_INPUT, null);
        }
        return Files.readAllBytes(path);
    }

    /** Reads a record from DER (first byte 0x30) or JSON. */
    static UnifiedKpiRecord record(Path path, RecordJson json) throws IOException {
        byte[] bytes = read(path);
        if (bytes.length > 0 && bytes[0] == 0x30) {
            return UnifiedKpiRecordCodec.decode(bytes);
        }
        return json.parse(new String(bytes, StandardCharsets.UTF_8));
    }

    /** A public key from a PEM file if one is given, otherwise from the keystore entry {@code alias}. */
    static SuitePublicKey publicKey(Path pem, Path keystore, KeyPurpose purpose, String alias, PasswordOptions passwords,
            CryptoSuites suites) throws IOException, GeneralSecurityException {
        if (pem != null) {
            return PemFiles.readPublicKey(pem, purpose, suites);
        }
        return keystore(keystore, passwords.password(), suites).publicKey(alias);
    }

    static KeyStoreFile keystore(Path path, char[] password, CryptoSuites suites) throws IOException {
        try {
            return KeyStoreFile.load(path, password, suites);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot open keystore " + path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            if (e instanceof java.nio.file.NoSuchFileException) {
                throw new IOException("keystore " + path + " does not exist", e);
            }
            throw new IOException("cannot open keystore " + path + ": " + e.getMessage(), e);
        }
    }
}
