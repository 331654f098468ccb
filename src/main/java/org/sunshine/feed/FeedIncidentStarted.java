package org.sunshine.feed;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A feed has failed longer than {@code sunshine.feed.alert-after} ("failing") or brought nothing new longer than
 * {@code sunshine.feed.silent-after} ("silent"). Published once per incident, cluster-wide.
 *
 * @param since the first failed poll, or the last poll that brought something new
 * @param noticedAt when the incident was noticed; with the feed and kind it names the incident
 * @param lastError the source's last error (failing only), for admins
 */
public record FeedIncidentStarted(String feedId, String feedName, ZoneId zone, String kind, Instant since,
		Instant noticedAt, String lastError) {
}
