package org.sunshine.feed.catalogue;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.sunshine.feed.fetch.Reach;

/**
 * One configured source to poll, as validated from {@code config/feeds.yml}.
 *
 * @param id stable id, {@code [a-z0-9-]+}
 * @param name display name used in messages ("City of Key West")
 * @param type the format to read
 * @param url where to fetch (for Legistar the Web API client root, e.g. https://webapi.legistar.com/v1/keywest)
 * @param timezone the zone local times in the source are written in
 * @param every poll interval, or null when {@code cron} is set
 * @param cron a Quartz cron expression, or null when {@code every} is set
 * @param bodies only meetings of these bodies (case-insensitive); empty means all
 * @param documents whether the meetings' documents (agendas, packets, attachments) are read
 * @param maxDocumentSize the largest document read, in bytes; null for the default
 *        ({@code sunshine.document.max-size})
 * @param allowPrivate whether what the source leads to (redirects, document links) may be a loopback or private
 *        address though the url itself is public (an intranet behind a public site)
 */
public record FeedDefinition(String id, String name, FeedType type, URI url, ZoneId timezone, Duration every,
		String cron, List<String> bodies, boolean documents, Long maxDocumentSize, boolean allowPrivate) {

	public FeedDefinition {
		bodies = bodies == null ? List.of() : List.copyOf(bodies);
	}

	public FeedDefinition(String id, String name, FeedType type, URI url, ZoneId timezone, Duration every, String cron,
			List<String> bodies) {
		this(id, name, type, url, timezone, every, cron, bodies, true, null);
	}

	public FeedDefinition(String id, String name, FeedType type, URI url, ZoneId timezone, Duration every, String cron,
			List<String> bodies, boolean documents, Long maxDocumentSize) {
		this(id, name, type, url, timezone, every, cron, bodies, documents, maxDocumentSize, false);
	}

	/** Where this feed's fetches may go: anywhere its url names, and from there no further inside the network. */
	public Reach reach() {
		return new Reach(url, allowPrivate);
	}

	/** Whether a meeting of the given body passes this feed's body filter. */
	public boolean includesBody(String body) {
		return bodies.isEmpty() || (body != null && bodies.stream().anyMatch(b -> b.equalsIgnoreCase(body.strip())));
	}

}
