package org.sunshine.feed;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.sunshine.feed.catalogue.FeedCatalogue;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.fetch.FetchResult;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.feed.read.FeedReader;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.Meetings;
import org.sunshine.system.NotFoundException;

/**
 * Polls one feed: fetch (conditionally), read, hand the snapshots to the meeting module, record how
 * it went. Whatever a source does, the outcome is a recorded success or a recorded feed error; nothing
 * escapes to the scheduler, so the next feed still runs.
 */
@Component
class FeedPoller {

	private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);

	private final FeedCatalogue catalogue;

	private final Fetcher fetcher;

	private final Map<FeedType, FeedReader> readers;

	private final FeedStatusRepository statuses;

	private final Meetings meetings;

	private final FeedLocks clusterLocks;

	private final Clock clock;

	private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

	FeedPoller(FeedCatalogue catalogue, Fetcher fetcher, List<FeedReader> readers, FeedStatusRepository statuses,
			Meetings meetings, FeedLocks clusterLocks, Clock clock) {
		this.catalogue = catalogue;
		this.fetcher = fetcher;
		this.readers = readers.stream().collect(Collectors.toMap(FeedReader::type, Function.identity()));
		this.statuses = statuses;
		this.meetings = meetings;
		this.clusterLocks = clusterLocks;
		this.clock = clock;
	}

	void poll(String feedId) {
		FeedDefinition feed = catalogue.find(feedId)
			.orElseThrow(() -> new NotFoundException("No feed with id '" + feedId + "' in the catalogue"));
		ReentrantLock lock = locks.computeIfAbsent(feedId, id -> new ReentrantLock());
		lock.lock();
		try (FeedLocks.Held polling = clusterLocks.lock(feedId)) {
			pollLocked(feed);
		}
		finally {
			lock.unlock();
		}
	}

	private void pollLocked(FeedDefinition feed) {
		Instant now = clock.instant();
		try {
			FeedReader reader = readers.get(feed.type());
			if (reader == null) {
				throw new IllegalStateException("no reader for type " + feed.type().key());
			}
			URI source = reader.sourceUri(feed, now);
			FetchResult document = fetcher.fetch(source, statuses.find(feed.id()).validators());
			if (document.notModified()) {
				statuses.recordSuccess(feed.id(), document.validators(), meetings.countUpcoming(feed.id()), 0, now);
				log.debug("Feed {}: not modified", feed.id());
				return;
			}
			List<MeetingSnapshot> snapshots = reader.read(feed, document, fetcher, now).stream()
				.filter(snapshot -> feed.includesBody(snapshot.body()))
				.toList();
			Meetings.Outcome outcome = meetings.reconcile(feed.id(), snapshots);
			if (outcome.failures() > 0) {
				// Keep no validators: the meetings that failed must be read again next time.
				statuses.recordFailure(feed.id(), outcome.failures() + " meeting(s) not stored; first: "
						+ outcome.firstFailure(), now);
				statuses.forgetValidators(feed.id());
				return;
			}
			statuses.recordSuccess(feed.id(), document.validators(), meetings.countUpcoming(feed.id()),
					outcome.meetingsChanged(), now);
			log.info("Feed {}: {} meeting(s) read, {} changed", feed.id(), outcome.meetingsSeen(),
					outcome.meetingsChanged());
		}
		catch (Exception | StackOverflowError e) {
			String message = e.getClass().getSimpleName() + ": " + e.getMessage();
			statuses.recordFailure(feed.id(), message, now);
			log.warn("Feed {} failed: {}", feed.id(), message);
		}
	}

}
