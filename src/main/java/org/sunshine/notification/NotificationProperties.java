package org.sunshine.notification;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the notification module.
 *
 * @param sweepInterval how often this node's senders look for due messages when nothing woke them (new
 *        messages wake them at once; this is how a node joins a broadcast another node planned)
 * @param retryDelay the first retry's delay; each next one doubles it (less up to a fifth, at random)
 * @param maxRetryDelay retries are never further apart than this, so that once a provider is back every
 *        message waiting for it leaves within this time
 * @param maxAttempts after this many transient failures a message is given up as failed (60 attempts at most a
 *        minute apart ride out an outage of about an hour)
 * @param claimTimeout a sender's lease on the messages it claimed; past it they are taken back
 * @param quietFrom start of quiet hours for subscribers who set none (local time)
 * @param quietTo end of quiet hours for subscribers who set none
 * @param weeklyDigestDay the day weekly digests go out
 * @param reminderSweep how often due reminders and digests are looked for
 * @param recoverySweep how often expired leases and interrupted SMS are settled
 * @param emailWorkers parallel email senders per node
 * @param smsWorkers parallel SMS senders per node (the provider's rate paces them all)
 * @param batchSize messages a sender claims at once
 * @param uncertainChecks how often the provider is asked about an interrupted SMS before it is left to an admin
 * @param outboxDegradedAfter a due message waiting this long makes the outbox's health DEGRADED
 * @param outboxDownAfter a due message waiting this long makes it DOWN
 * @param bodyRetention what a sent message said (subject, text, calendar) is deleted this long after it was sent;
 *        the facts of the delivery (who, which channel, when, the provider's id) stay
 * @param retentionSweep how often messages past their retention are looked for
 * @param recipientsPerCommit a broadcast's messages are committed (and begin to leave) this many recipients at a
 *        time while the rest are still being planned
 * @param emailWorkersWhilePlanning email senders per node while this node is planning a broadcast: the first
 *        thousand leave at once, and the rest of the broadcast is queued sooner than with every sender beside it;
 *        then every sender runs
 */
@ConfigurationProperties("sunshine.notification")
record NotificationProperties(@DefaultValue("2s") Duration sweepInterval, @DefaultValue("30s") Duration retryDelay,
		@DefaultValue("1m") Duration maxRetryDelay, @DefaultValue("60") int maxAttempts,
		@DefaultValue("5m") Duration claimTimeout, @DefaultValue("21:00") LocalTime quietFrom,
		@DefaultValue("08:00") LocalTime quietTo, @DefaultValue("MONDAY") DayOfWeek weeklyDigestDay,
		@DefaultValue("30s") Duration reminderSweep, @DefaultValue("30s") Duration recoverySweep,
		@DefaultValue("8") int emailWorkers, @DefaultValue("4") int smsWorkers, @DefaultValue("50") int batchSize,
		@DefaultValue("10") int uncertainChecks, @DefaultValue("5m") Duration outboxDegradedAfter,
		@DefaultValue("1h") Duration outboxDownAfter, @DefaultValue("30d") Duration bodyRetention,
		@DefaultValue("1h") Duration retentionSweep, @DefaultValue("1000") int recipientsPerCommit,
		@DefaultValue("1") int emailWorkersWhilePlanning) {

	int workers(org.sunshine.subscription.Channel channel) {
		return Math.max(1, channel == org.sunshine.subscription.Channel.EMAIL ? emailWorkers : smsWorkers);
	}

	/** Senders per channel while a broadcast is being planned here: no more than at other times. */
	int workersWhilePlanning(org.sunshine.subscription.Channel channel) {
		return channel == org.sunshine.subscription.Channel.EMAIL
				? Math.max(1, Math.min(emailWorkersWhilePlanning, workers(channel))) : workers(channel);
	}

}
