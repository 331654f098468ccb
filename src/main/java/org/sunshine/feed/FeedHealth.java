package org.sunshine.feed;

import java.time.Instant;

/**
 * How a feed is doing, for admins.
 *
 * @param url the source without its query string (which may hold an API token)
 * @param schedule "every PT15M" or the cron expression
 * @param meetings upcoming meetings stored for the feed
 * @param changes changed meetings found over all polls
 */
public record FeedHealth(String id, String name, String type, String url, String timezone, String schedule,
		Instant lastPollAt, Instant lastSuccessAt, String lastError, Instant lastErrorAt, long polls, long failures,
		int consecutiveFailures, int meetings, long changes) {
}
