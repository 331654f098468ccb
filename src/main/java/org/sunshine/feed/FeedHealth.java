package org.sunshine.feed;

import java.time.Duration;
import java.time.Instant;

/**
 * How a feed is doing, for admins.
 *
 * @param url the source without its query string (which may hold an API token)
 * @param schedule "every PT15M" or the cron expression
 * @param meetings upcoming meetings stored for the feed
 * @param changes changed meetings found over all polls
 * @param failingSince the first failed poll of the failures under way; null when the last poll succeeded
 * @param lastNewAt the last poll that changed a meeting (the first success before any change)
 * @param warning what the last successful poll left out or left for the next poll (over a cap, out of time), or null
 */
public record FeedHealth(String id, String name, String type, String url, String timezone, String schedule,
		Instant lastPollAt, Instant lastSuccessAt, String lastError, Instant lastErrorAt, long polls, long failures,
		int consecutiveFailures, int meetings, long changes, Instant failingSince, Instant lastNewAt, String warning) {

	/** Failing for at least {@code threshold} at {@code now}. */
	public boolean failingLongerThan(Duration threshold, Instant now) {
		return failingSince != null && !failingSince.plus(threshold).isAfter(now);
	}

	/** Polled fine, but nothing new for at least {@code threshold} at {@code now}. */
	public boolean silentLongerThan(Duration threshold, Instant now) {
		return failingSince == null && lastNewAt != null && !lastNewAt.plus(threshold).isAfter(now);
	}

}
