package org.bkdms.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @TempDir
    Path dir;

    @Test
    void aSecretIsMadeOnceOwnerOnlyAndReadBackAfterwards() throws Exception {
        Path file = dir.resolve("db.secret");
        assertThat(SecretFile.read(file)).isEmpty();
        String first = SecretFile.readOrCreate(file);
        assertThat(first).hasSize(32).matches("[A-Za-z0-9_-]+");
        assertThat(SecretFile.readOrCreate(file)).isEqualTo(first);
        assertThat(SecretFile.read(file)).contains(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SecretFile.readOrCreate(dir.resolve("other.secret"))).isNotEqualTo(first);
        assertThat(Files.exists(dir.resolve("db.secret.tmp"))).isFalse();
    }

    @Test
    void anEmptyFileIsAnErrorNotAnEmptyPassword() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.secret"), "\n");
        assertThatThrownBy(() -> SecretFile.readOrCreate(file)).isInstanceOf(IOException.class).hasMessageContaining("empty");
    }
}
