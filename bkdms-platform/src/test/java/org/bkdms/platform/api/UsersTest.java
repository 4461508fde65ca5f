package org.bkdms.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bkdms.platform.PlatformException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsersTest {
    @TempDir
    Path dir;

    @Test
    void aUsersFileStoresOnlyHashesAndAuthenticatesTheRightPasswordOnly() throws Exception {
        Path file = dir.resolve("users.yaml");
        Users.put(file, "ada", Role.ADMIN, "correct horse".toCharArray());
        Users.put(file, "vic", Role.VIEWER, "battery staple".toCharArray());
        Users.put(file, "vic", Role.AUDITOR, "new password".toCharArray());
        String text = Files.readString(file);
        assertThat(text).doesNotContain("correct horse").doesNotContain("new password").contains("pbkdf2-sha256$210000$");
        Users users = Users.read(file);
        assertThat(users.authenticate("ada", "correct horse".toCharArray())).contains(Role.ADMIN);
        assertThat(users.authenticate("ada", "correct horse".toCharArray())).contains(Role.ADMIN);
        assertThat(users.authenticate("ada", "Correct horse".toCharArray())).isEmpty();
        assertThat(users.authenticate("vic", "battery staple".toCharArray())).isEmpty();
        assertThat(users.authenticate("vic", "new password".toCharArray())).contains(Role.AUDITOR);
        assertThat(users.authenticate("nobody", "x".toCharArray())).isEmpty();
    }

    @Test
    void twoHashesOfOnePasswordDifferBecauseOfTheSalt() {
        assertThat(Users.hash("same".toCharArray())).isNotEqualTo(Users.hash("same".toCharArray()));
    }

    @Test
    void aMalformedUsersFileIsATypedError() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "users:\n  - name: x\n    role: KING\n    passwordHash: y\n");
        assertThatThrownBy(() -> Users.read(file)).isInstanceOf(PlatformException.class);
        assertThatThrownBy(() -> new Users(List.of(new Users.User("x", Role.ADMIN, "plain")))).isInstanceOf(PlatformException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "VIEWER,VIEWER,true", "VIEWER,AUDITOR,false", "VIEWER,OPERATOR,false", "VIEWER,ADMIN,false",
        "AUDITOR,VIEWER,true", "AUDITOR,AUDITOR,true", "AUDITOR,OPERATOR,false", "AUDITOR,ADMIN,false",
        "OPERATOR,VIEWER,true", "OPERATOR,AUDITOR,true", "OPERATOR,OPERATOR,true", "OPERATOR,ADMIN,false",
        "ADMIN,VIEWER,true", "ADMIN,AUDITOR,true", "ADMIN,OPERATOR,true", "ADMIN,ADMIN,true"})
    void rolesAllowWhatTheirLevelAllows(Role role, Role needed, boolean allowed) {
        assertThat(role.allows(needed)).isEqualTo(allowed);
    }
}
