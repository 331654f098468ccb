package org.sunshine;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Planning runs after a poll commits, from durable events: tests that look at what a poll caused wait until
 * every event publication is complete (a listener that failed leaves its publication incomplete, so such a
 * failure shows as a timeout here rather than as a silent pass).
 */
public final class Planning {

	private Planning() {
	}

	public static void awaitPlanned(JdbcClient jdbc) {
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
			.until(() -> jdbc.sql("select count(*) from event_publication where completion_date is null")
				.query(Integer.class).single() == 0);
	}

}
