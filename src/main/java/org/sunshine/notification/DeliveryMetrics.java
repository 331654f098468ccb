package org.sunshine.notification;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.sunshine.subscription.Channel;

/**
 * What planning and sending do, for Prometheus: {@code sunshine_matches_total},
 * {@code sunshine_messages_total{channel,outcome}}, {@code sunshine_outbox_depth},
 * {@code sunshine_outbox_oldest_age_seconds} and the histogram
 * {@code sunshine_delivery_latency_seconds{channel}} from the poll that saw a change to the provider's
 * acceptance of the alert about it.
 */
@Component
class DeliveryMetrics {

	private final MeterRegistry registry;

	DeliveryMetrics(MeterRegistry registry, OutboxStatistics statistics, Clock clock) {
		this.registry = registry;
		// Read at each scrape; both are counts over indexed columns.
		Gauge.builder("sunshine.outbox.depth", () -> statistics.figures(clock.instant()).backlog())
			.description("Messages not yet sent nor given up on").register(registry);
		Gauge.builder("sunshine.outbox.oldest.age", () -> statistics.figures(clock.instant()).oldestDueAge().toMillis() / 1000.0)
			.description("How long the longest-waiting due message has waited").baseUnit("seconds").register(registry);
	}

	void matched(int matches) {
		Counter.builder("sunshine.matches").description("Interests hit by meeting changes").register(registry)
			.increment(matches);
	}

	/** @param outcome sent, retry, failed (given up), rejected (permanent provider error) or skipped (no consent) */
	void message(Channel channel, String outcome) {
		Counter.builder("sunshine.messages").description("Messages by channel and outcome")
			.tag("channel", channel.name().toLowerCase()).tag("outcome", outcome).register(registry).increment();
	}

	/**
	 * How long planning one meeting change took: until its alerts were all committed (the first leave after the first
	 * batch of recipients), and until everything it causes was (reminders and digest entries too).
	 */
	void planned(Duration untilAlerts, Duration untilAll) {
		planning("alerts").record(untilAlerts);
		planning("all").record(untilAll);
	}

	private Timer planning(String until) {
		return Timer.builder("sunshine.planning").description("Planning a meeting change, until its alerts or all it causes are committed")
			.tag("until", until).register(registry);
	}

	void changeToProvider(Channel channel, Duration latency) {
		Timer.builder("sunshine.delivery.latency").description("From the poll that saw a change to the provider's acceptance")
			.tag("channel", channel.name().toLowerCase())
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(100))
			.maximumExpectedValue(Duration.ofDays(1))
			.register(registry)
			.record(latency.isNegative() ? Duration.ZERO : latency);
	}

}
