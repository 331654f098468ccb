package org.sunshine.feed;

import java.util.List;


import org.springframework.stereotype.Service;
import org.sunshine.feed.catalogue.FeedCatalogue;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.meeting.Meetings;
import org.sunshine.system.NotFoundException;

/** The feed module's API for admins: each feed's health, and polling a feed now. */
@Service
public class FeedAdmin {

	private final FeedCatalogue catalogue;

	private final FeedStatusRepository statuses;

	private final FeedPoller poller;

	private final Meetings meetings;

	FeedAdmin(FeedCatalogue catalogue, FeedStatusRepository statuses, FeedPoller poller, Meetings meetings) {
		this.catalogue = catalogue;
		this.statuses = statuses;
		this.poller = poller;
		this.meetings = meetings;
	}

	public List<FeedHealth> health() {
		return catalogue.feeds().stream().map(this::health).toList();
	}

	/**
	 * Polls the feed at once, in the caller's thread, and returns its health afterwards. The poller holds the
	 * feed's lock for the whole poll (a PostgreSQL advisory lock when clustered), so a poll-now waits for a
	 * poll under way on any node rather than running beside it.
	 */
	public FeedHealth pollNow(String feedId) {
		FeedDefinition feed = catalogue.find(feedId).orElseThrow(() -> new NotFoundException("No feed '" + feedId + "'"));
		poller.poll(feedId);
		return health(feed);
	}

	/** A feed as residents see it: its id and name. */
	public record FeedName(String id, String name) {
	}

	public List<FeedName> names() {
		return catalogue.feeds().stream().map(feed -> new FeedName(feed.id(), feed.name())).toList();
	}

	public boolean exists(String feedId) {
		return catalogue.find(feedId).isPresent();
	}

	/** Why the last edit of the catalogue was refused, or null. */
	public String catalogueError() {
		return catalogue.lastError();
	}

	private FeedHealth health(FeedDefinition feed) {
		FeedStatusRepository.Status status = statuses.find(feed.id());
		String url = feed.url().getScheme() + "://" + feed.url().getRawAuthority() + feed.url().getRawPath();
		return new FeedHealth(feed.id(), feed.name(), feed.type().key(), url, feed.timezone().getId(),
				FeedScheduler.describe(feed), status.lastPollAt(), status.lastSuccessAt(), status.lastError(),
				status.lastErrorAt(), status.polls(), status.failures(), status.consecutiveFailures(),
				meetings.countUpcoming(feed.id()), status.changes(), status.failingSince(), status.lastNewAt(),
				status.warning());
	}

}
