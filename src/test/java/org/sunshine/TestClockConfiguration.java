package org.sunshine;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The clock shared by the Spring tests that {@code @Import} it: one fixed instant, so "two days away" and
 * "ten days away" mean the same in every test, and Spring caches one context for all of them.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

	/** What "now" is for the tests using this configuration. */
	public static final Instant NOW = Instant.parse("2025-07-03T14:00:00Z");

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock(NOW);
	}

}
