package org.sunshine.feed;

import java.time.Instant;

/**
 * A feed's incident is over: it polls fine again ("failing"), or brought something new ("silent").
 *
 * @param noticedAt when the incident was noticed, as in its {@link FeedIncidentStarted}
 * @param overAt when it was found over
 */
public record FeedIncidentOver(String feedId, String feedName, String kind, Instant noticedAt, Instant overAt) {
}
