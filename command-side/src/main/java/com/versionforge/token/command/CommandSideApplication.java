package com.versionforge.token.command;

import com.versionforge.token.command.bootstrap.BootstrapCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Starts the command side, or with {@code bootstrap} as first argument, issues a tenant's first admin token. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CommandSideApplication {

    public static void main(String[] args) {
        if (BootstrapCommand.isRequested(args)) {
            System.exit(BootstrapCommand.run(args));
        }
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
