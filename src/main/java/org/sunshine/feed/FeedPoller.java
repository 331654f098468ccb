package org.sunshine.feed;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.sunshine.feed.catalogue.FeedCatalogue;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.fetch.FetchException;
import org.sunshine.feed.fetch.FetchResult;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.feed.fetch.Validators;
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

	private static final Pattern UNPRINTABLE = Pattern.compile("[\\s\\p{Cc}\\p{Cf}]+");

	private final FeedCatalogue catalogue;

	private final Fetcher fetcher;

	private final Map<FeedType, FeedReader> readers;

	private final FeedStatusRepository statuses;

	private final Meetings meetings;

	private final FeedLocks clusterLocks;

	private final Clock clock;

	private final FeedMetrics metrics;

	private final Duration maxAhead;

	private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

	/** How many meetings each feed dated too far ahead last time: said once, not every poll. */
	private final Map<String, Long> farAhead = new ConcurrentHashMap<>();

	FeedPoller(FeedCatalogue catalogue, Fetcher fetcher, List<FeedReader> readers, FeedStatusRepository statuses,
			Meetings meetings, FeedLocks clusterLocks, Clock clock, FeedMetrics metrics, FeedProperties properties) {
		this.maxAhead = properties.feed().maxAhead();
		this.catalogue = catalogue;
		this.fetcher = fetcher;
		this.readers = readers.stream().collect(Collectors.toMap(FeedReader::type, Function.identity()));
		this.statuses = statuses;
		this.meetings = meetings;
		this.clusterLocks = clusterLocks;
		this.clock = clock;
		this.metrics = metrics;
	}

	/**
	 * Meetings dated further ahead than {@code sunshine.feed.polling.max-ahead} (a typo'd year, a 9999 placeholder)
	 * are left out: stored, they would be listed as upcoming for ever.
	 */
	private List<MeetingSnapshot> withinReach(FeedDefinition feed, List<MeetingSnapshot> read, Instant now) {
		Instant limit = now.plus(maxAhead);
		List<MeetingSnapshot> kept = read.stream().filter(snapshot -> !snapshot.start().isAfter(limit)).toList();
		long left = read.size() - kept.size();
		Long before = farAhead.put(feed.id(), left);
		if (left > 0 && (before == null || before != left)) {
			log.warn("Feed {}: {} meeting(s) dated more than {} days ahead left out", feed.id(), left, maxAhead.toDays());
		}
		return kept;
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
		FeedStatusRepository.Status before = statuses.find(feed.id());
		try {
			FeedReader reader = readers.get(feed.type());
			if (reader == null) {
				throw new IllegalStateException("no reader for type " + feed.type().key());
			}
			FetchResult document;
			List<MeetingSnapshot> read;
			try {
				document = reader.fetches() ? fetcher.fetch(reader.sourceUri(feed, now), before.validators())
						: new FetchResult(false, new byte[0], null, Validators.NONE);
				read = document.notModified() ? List.of() : reader.read(feed, document, fetcher, now);
			}
			catch (Error e) {
				// Whatever one source's document makes a parser do (exhaust the heap, recurse without end) is that
				// feed's failure; what it filled is garbage now, and the other feeds go on.
				failed(feed, before, e.getClass().getSimpleName() + " while reading: " + e.getMessage(), now);
				return;
			}
			if (document.notModified()) {
				succeeded(feed, before, document.validators(), 0, now);
				log.debug("Feed {}: not modified", feed.id());
				return;
			}
			List<MeetingSnapshot> snapshots = withinReach(feed, read.stream()
				.filter(snapshot -> feed.includesBody(snapshot.body())).toList(), now);
			Meetings.Outcome outcome = meetings.reconcile(feed.id(), snapshots);
			if (outcome.failures() > 0) {
				// Keep no validators: the meetings that failed must be read again next time.
				failed(feed, before, outcome.failures() + " meeting(s) not stored; first: " + outcome.firstFailure(), now);
				statuses.forgetValidators(feed.id());
				return;
			}
			succeeded(feed, before, document.validators(), outcome.meetingsChanged(), now);
			if (outcome.meetingsChanged() > 0) {
				log.info("Feed {}: {} meeting(s) read, {} changed", feed.id(), outcome.meetingsSeen(),
						outcome.meetingsChanged());
			}
			else {
				// A poll that found nothing new is the usual case (the sample city polls every few seconds).
				log.debug("Feed {}: {} meeting(s) read, none changed", feed.id(), outcome.meetingsSeen());
			}
		}
		catch (FetchException e) {
			failed(feed, before, e.getMessage(), now); // Says what went wrong in words; the class name adds nothing.
		}
		catch (Exception e) {
			failed(feed, before, e.getClass().getSimpleName() + ": " + e.getMessage(), now);
		}
	}

	/** Records the failure; logs it when the feed starts failing or fails differently, not on every poll. */
	private void failed(FeedDefinition feed, FeedStatusRepository.Status before, String error, Instant now) {
		// One line, and no control or format characters: messages quote source text (a NUL that PostgreSQL refuses,
		// a bidi override that would reorder the log line).
		String message = UNPRINTABLE.matcher(String.valueOf(error)).replaceAll(" ").strip();
		statuses.recordFailure(feed.id(), message, now);
		metrics.failed(feed.id());
		if (before.isFailingWith(message)) {
			log.debug("Feed {} still failing ({} polls): {}", feed.id(), before.consecutiveFailures() + 1, message);
		}
		else {
			log.warn("Feed {} failed: {}", feed.id(), message);
		}
	}

	private void succeeded(FeedDefinition feed, FeedStatusRepository.Status before, Validators validators, int changes,
			Instant now) {
		statuses.recordSuccess(feed.id(), validators, meetings.countUpcoming(feed.id()), changes, now);
		metrics.succeeded(feed.id(), changes);
		if (before.consecutiveFailures() > 0) {
			log.info("Feed {} recovered after {} failed poll(s)", feed.id(), before.consecutiveFailures());
		}
	}

}
