package org.sunshine.feed;

import java.time.Clock;
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
import org.sunshine.feed.read.Poll;
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

	private final MeetingVersions versions;

	private final FeedProperties.Polling limits;

	private final PollCaps caps;

	private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

	/** Meetings reconciled between two looks at the poll's clock. */
	private static final int RECONCILE_CHUNK = 50;

	FeedPoller(FeedCatalogue catalogue, Fetcher fetcher, List<FeedReader> readers, FeedStatusRepository statuses,
			Meetings meetings, FeedLocks clusterLocks, Clock clock, FeedMetrics metrics, FeedProperties properties,
			MeetingVersions versions) {
		this.limits = properties.feed();
		this.caps = new PollCaps(limits.maxAhead(), limits.maxMeetings(), limits.maxItems());
		this.versions = versions;
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
	 * Reconciles in chunks, looking at the poll's clock between them: the first chunk is always stored, so every poll
	 * makes progress; once the budget is spent, the meetings left wait for the next poll (nothing stored is lost;
	 * they are simply not updated yet).
	 */
	private Meetings.Outcome reconcile(FeedDefinition feed, List<MeetingSnapshot> snapshots, PollFetcher budget,
			Poll poll) {
		int seen = 0;
		int changed = 0;
		int failures = 0;
		String firstFailure = null;
		for (int from = 0; from < snapshots.size(); from += RECONCILE_CHUNK) {
			if (from > 0 && budget.spent()) {
				List<MeetingSnapshot> left = snapshots.subList(from, snapshots.size());
				left.forEach(snapshot -> poll.forget(snapshot.sourceId()));
				poll.carryOver(left.size() + " meeting(s) left for the next poll: the poll budget of "
						+ PollFetcher.words(limits.pollBudget()) + " was spent");
				break;
			}
			Meetings.Outcome part = meetings.reconcile(feed.id(),
					snapshots.subList(from, Math.min(from + RECONCILE_CHUNK, snapshots.size())));
			seen += part.meetingsSeen();
			changed += part.meetingsChanged();
			failures += part.failures();
			firstFailure = firstFailure == null ? part.firstFailure() : firstFailure;
		}
		return new Meetings.Outcome(seen, changed, failures, firstFailure);
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
			PollFetcher scoped = new PollFetcher(fetcher, feed.reach(), clock, limits.pollBudget());
			Poll poll = new Poll(limits.maxMeetings(), limits.maxDetailReads(),
					versions.known(feed.id(), now.minus(limits.rereadAfter())), now.plus(limits.rereadWithin()));
			FeedReader reader = readers.get(feed.type());
			if (reader == null) {
				throw new IllegalStateException("no reader for type " + feed.type().key());
			}
			FetchResult document;
			List<MeetingSnapshot> read;
			try {
				document = reader.fetches() ? scoped.fetch(reader.sourceUri(feed, now), before.validators())
						: new FetchResult(false, new byte[0], null, Validators.NONE);
				read = document.notModified() ? List.of() : reader.read(feed, document, scoped, now, poll);
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
			List<MeetingSnapshot> snapshots = caps.apply(read.stream()
				.filter(snapshot -> feed.includesBody(snapshot.body())).toList(), now, poll);
			Meetings.Outcome outcome = reconcile(feed, snapshots, scoped, poll);
			if (outcome.failures() > 0) {
				// Keep no validators: the meetings that failed must be read again next time.
				failed(feed, before, outcome.failures() + " meeting(s) not stored; first: " + outcome.firstFailure(), now);
				statuses.forgetValidators(feed.id());
				return;
			}
			versions.record(feed.id(), poll.versionsRead(), now);
			succeeded(feed, before, document.validators(), outcome.meetingsChanged(), now);
			if (poll.carriedOver()) {
				// What was left must be read next time, not answered with a "not modified".
				statuses.forgetValidators(feed.id());
			}
			warned(feed, before, poll.warnings());
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

	/** Records what the poll left out (or that it left nothing out); logs it when it differs from last time. */
	private void warned(FeedDefinition feed, FeedStatusRepository.Status before, List<String> warnings) {
		String warning = warnings.isEmpty() ? null
				: UNPRINTABLE.matcher(String.join("; ", warnings)).replaceAll(" ").strip();
		statuses.recordWarning(feed.id(), warning);
		if (warning != null && !warning.equals(before.warning())) {
			log.warn("Feed {}: {}", feed.id(), warning);
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
