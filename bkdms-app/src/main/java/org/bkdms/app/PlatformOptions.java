package org.bkdms.app;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import org.bkdms.platform.PlatformConfig;
import org.bkdms.platform.SmartCityPlatform;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every command that opens the smart city platform shares: its configuration and keystore password. */
final class PlatformOptions {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "platform.yaml")
    Path config;

    @Mixin
    PasswordOptions passwords;

    /**
     * Opens the platform without following chains or serving the API, for one-shot commands.
     *
     * @return the platform
     */
    SmartCityPlatform openTool() throws IOException, GeneralSecurityException, SQLException {
        return SmartCityPlatform.newBuilder().config(PlatformConfig.read(config)).password(passwords.password())
                .follow(false).serveApi(false).start();
    }
}
