package org.sunshine.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the notification module.
 *
 * @param sweepInterval how often the outbox is swept for retries that fell due (new messages go at once)
 * @param retryDelay the first retry's delay; each next one doubles it
 * @param maxRetryDelay retries are never further apart than this
 * @param maxAttempts after this many transient failures a message is given up as failed
 * @param claimTimeout a message claimed for sending longer ago than this was interrupted mid-send
 * @param quietFrom start of quiet hours for subscribers who set none (local time)
 * @param quietTo end of quiet hours for subscribers who set none
 * @param weeklyDigestDay the day weekly digests go out
 * @param reminderSweep how often due reminders and digests are looked for
 */
@ConfigurationProperties("sunshine.notification")
record NotificationProperties(@DefaultValue("15s") Duration sweepInterval, @DefaultValue("30s") Duration retryDelay,
		@DefaultValue("1h") Duration maxRetryDelay, @DefaultValue("10") int maxAttempts,
		@DefaultValue("5m") Duration claimTimeout, @DefaultValue("21:00") java.time.LocalTime quietFrom,
		@DefaultValue("08:00") java.time.LocalTime quietTo, @DefaultValue("MONDAY") java.time.DayOfWeek weeklyDigestDay,
		@DefaultValue("30s") Duration reminderSweep) {
}
