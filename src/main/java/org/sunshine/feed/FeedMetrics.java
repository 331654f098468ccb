package org.sunshine.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * What polling does, for Prometheus: {@code sunshine_feed_polls_total{feed,outcome}},
 * {@code sunshine_feed_errors_total{feed}} and {@code sunshine_changes_total{feed}} (meetings a poll changed).
 */
@Component
class FeedMetrics {

	private final MeterRegistry registry;

	FeedMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void succeeded(String feedId, int changes) {
		polls(feedId, "success").increment();
		Counter.builder("sunshine.changes").description("Meetings a poll found changed").tag("feed", feedId)
			.register(registry).increment(changes);
	}

	void failed(String feedId) {
		polls(feedId, "failure").increment();
		Counter.builder("sunshine.feed.errors").description("Polls that ended in a feed error").tag("feed", feedId)
			.register(registry).increment();
	}

	private Counter polls(String feedId, String outcome) {
		return Counter.builder("sunshine.feed.polls").description("Feed polls").tag("feed", feedId)
			.tag("outcome", outcome).register(registry);
	}

}
