package org.sunshine.feed;

import java.util.List;

import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

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

	private final Scheduler scheduler;

	private final FeedProperties properties;

	FeedAdmin(FeedCatalogue catalogue, FeedStatusRepository statuses, FeedPoller poller, Meetings meetings,
			Scheduler scheduler, FeedProperties properties) {
		this.catalogue = catalogue;
		this.statuses = statuses;
		this.poller = poller;
		this.meetings = meetings;
		this.scheduler = scheduler;
		this.properties = properties;
	}

	public List<FeedHealth> health() {
		return catalogue.feeds().stream().map(this::health).toList();
	}

	/**
	 * Polls the feed now and returns its health afterwards. The poll is the feed's own Quartz job fired at once,
	 * so it never overlaps the scheduled poll of that feed on any node; the answer waits for it (up to the fetch
	 * timeout and a little more). With the scheduler stopped (tests, a node kept out of the cluster) it polls in
	 * the caller's thread.
	 */
	public FeedHealth pollNow(String feedId) {
		FeedDefinition feed = catalogue.find(feedId).orElseThrow(() -> new NotFoundException("No feed '" + feedId + "'"));
		try {
			JobKey job = JobKey.jobKey(feedId, FeedScheduler.GROUP);
			if (!scheduler.isStarted() || scheduler.isInStandbyMode() || !scheduler.checkExists(job)) {
				poller.poll(feedId);
			}
			else {
				long before = statuses.find(feedId).polls();
				scheduler.triggerJob(job);
				awaitPoll(feedId, before);
			}
		}
		catch (SchedulerException e) {
			throw new IllegalStateException("Could not fire the poll of feed " + feedId + ": " + e.getMessage(), e);
		}
		return health(feed);
	}

	private void awaitPoll(String feedId, long pollsBefore) {
		long deadline = System.nanoTime() + properties.feed().timeout().plus(properties.feed().connectTimeout())
			.plusSeconds(30).toNanos();
		while (statuses.find(feedId).polls() <= pollsBefore && System.nanoTime() < deadline) {
			try {
				Thread.sleep(100); // The job may run on another node: its recorded poll count is what tells.
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
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
				meetings.countUpcoming(feed.id()), status.changes());
	}

}
