package io.callbridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Callbridge: joins a cloud PBX or contact-center platform to a CRM (click-to-call,
 * screen pop, call records).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@EnableAsync
@Modulithic(sharedModules = "shared")
public class CallbridgeApplication {

	public static void main(String[] args) {
		SpringApplication.run(CallbridgeApplication.class, args);
	}

}
