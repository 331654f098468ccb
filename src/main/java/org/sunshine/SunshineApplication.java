package org.sunshine;

import java.io.PrintStream;
import java.util.OptionalInt;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.sunshine.feed.FeedsCommand;

/** Sunshine: tells people, in time, about the public meetings and agenda items they follow. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@EnableAsync
public class SunshineApplication {

	public static void main(String[] args) {
		if (FeedsCommand.handles(args)) {
			// A command's stdout is its result: keep the logging a server would print out of it.
			LoggingSystem.get(SunshineApplication.class.getClassLoader()).beforeInitialize();
		}
		OptionalInt exit = command(args, System.out, System.err);
		if (exit.isPresent()) {
			System.exit(exit.getAsInt());
		}
		SpringApplication.run(SunshineApplication.class, args);
	}

	/** The exit code of a command-line tool such as {@code feeds detect URL}; empty when the server is to start. */
	static OptionalInt command(String[] args, PrintStream out, PrintStream err) {
		return FeedsCommand.handles(args) ? OptionalInt.of(FeedsCommand.withDefaultFetcher().run(args, out, err))
				: OptionalInt.empty();
	}

}
