package org.sunshine.notification;

import java.time.Clock;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sunshine.notification.channel.EmailSender;
import org.sunshine.notification.channel.SmsSender;
import org.sunshine.subscription.Channel;
import org.sunshine.system.HealthStates;

/**
 * The "mail", "sms" and "outbox" health components. A channel is DOWN when its transport cannot take a message
 * (SMTP server unreachable, outbox directory not writable), DEGRADED while messages wait to be retried after
 * its errors. The outbox is DEGRADED when a due message has waited longer than
 * {@code sunshine.notification.outbox-degraded-after} or an interrupted SMS is unsettled, DOWN past
 * {@code outbox-down-after}.
 */
@Configuration(proxyBeanMethods = false)
class OutboxHealthIndicators {

	@Bean
	HealthIndicator mailHealthIndicator(EmailSender email, OutboxStatistics statistics) {
		return () -> channel(Channel.EMAIL, email.describe(), email::check, statistics);
	}

	@Bean
	HealthIndicator smsHealthIndicator(SmsSender sms, OutboxStatistics statistics) {
		return () -> channel(Channel.SMS, sms.describe(), sms::check, statistics);
	}

	@Bean
	HealthIndicator outboxHealthIndicator(OutboxStatistics statistics, NotificationProperties properties, Clock clock) {
		return () -> {
			OutboxStatistics.Figures figures = statistics.figures(clock.instant());
			Health.Builder health;
			if (figures.oldestDueAge().compareTo(properties.outboxDownAfter()) > 0) {
				health = Health.down();
			}
			else if (figures.oldestDueAge().compareTo(properties.outboxDegradedAfter()) > 0 || figures.uncertain() > 0) {
				health = Health.status(HealthStates.DEGRADED);
			}
			else {
				health = Health.up();
			}
			return health.withDetail("backlog", figures.backlog())
				.withDetail("due", figures.due())
				.withDetail("oldestDueAgeSeconds", figures.oldestDueAge().toSeconds())
				.withDetail("uncertain", figures.uncertain())
				.withDetail("failed", figures.failed())
				.build();
		};
	}

	/** Throws when the transport cannot take a message. */
	interface Check {

		void run() throws Exception;

	}

	private static Health channel(Channel channel, String transport, Check check, OutboxStatistics statistics) {
		try {
			check.run();
		}
		catch (Exception e) {
			return Health.down().withDetail("transport", transport).withDetail("error", e.getMessage()).build();
		}
		long retrying = statistics.retrying().get(channel);
		return (retrying > 0 ? Health.status(HealthStates.DEGRADED) : Health.up()).withDetail("transport", transport)
			.withDetail("retrying", retrying)
			.build();
	}

}
