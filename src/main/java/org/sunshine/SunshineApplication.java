package org.sunshine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Sunshine: tells people, in time, about the public meetings and agenda items they follow. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@EnableAsync
public class SunshineApplication {

	public static void main(String[] args) {
		SpringApplication.run(SunshineApplication.class, args);
	}

}
