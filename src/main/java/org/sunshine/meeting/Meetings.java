package org.sunshine.meeting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The meeting module's API: reconcile what a feed published, and answer questions about meetings. */
@Service
public class Meetings {

	/** Meetings read at a time while a search filters a listing. */
	private static final int FILTERED_CHUNK = 200;

	private static final Logger log = LoggerFactory.getLogger(Meetings.class);

	private final MeetingRepository repository;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final MeetingProperties properties;

	private final Clock clock;

	Meetings(MeetingRepository repository, ApplicationEventPublisher events, TransactionTemplate transactions,
			MeetingProperties properties, Clock clock) {
		this.repository = repository;
		this.events = events;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	/** What one reconciliation did. */
	public record Outcome(int meetingsSeen, int meetingsChanged, int failures, String firstFailure) {
	}

	/**
	 * Stores what one poll of {@code feedId} saw and publishes a {@link MeetingChanged} for each meeting
	 * that changed. Each meeting is reconciled in its own short transaction holding only the meeting, its
	 * revision and the durable event; who hears of it is planned after commit, so a failure in planning never
	 * fails or rolls back the poll, and a re-poll repeats nothing.
	 */
	public Outcome reconcile(String feedId, List<MeetingSnapshot> snapshots) {
		int changed = 0;
		int failures = 0;
		String firstFailure = null;
		Collection<MeetingSnapshot> unique = bySourceId(snapshots);
		unique.stream().filter(seen -> !feedId.equals(seen.feedId())).findFirst().ifPresent(seen -> {
			throw new IllegalArgumentException("snapshot of feed " + seen.feedId() + " given for " + feedId);
		});
		for (MeetingSnapshot seen : unique) {
			try {
				if (Boolean.TRUE.equals(transactions.execute(status -> reconcileOne(seen)))) {
					changed++;
				}
			}
			catch (RuntimeException e) {
				// The outcome carries the failure to the feed module, which logs it once per incident, not per poll.
				failures++;
				firstFailure = firstFailure == null ? "meeting " + seen.sourceId() + ": " + e.getMessage() : firstFailure;
				log.debug("Feed {}: could not reconcile meeting {}", feedId, seen.sourceId(), e);
			}
		}
		return new Outcome(unique.size(), changed, failures, firstFailure);
	}

	private boolean reconcileOne(MeetingSnapshot seen) {
		Instant now = clock.instant();
		Meeting stored = repository.find(seen.feedId(), seen.sourceId()).orElse(null);
		List<AgendaItem> items = new ArrayList<>(MeetingDiff.byKey(seen.items().stream().map(AgendaItem::of).toList())
			.values());
		MeetingDiff.Result diff = MeetingDiff.between(stored, seen, items);
		if (stored != null && diff.isEmpty()) {
			// Nothing worth telling, but keep what the source now says (links, titles, attachments), writing only what
			// differs: an unchanged feed costs reads, not writes.
			if (!sameFields(stored, seen)) {
				repository.update(stored.id(), seen, stored.status(), stored.sequence(), now);
			}
			repository.syncItems(stored.id(), items);
			repository.replaceDocuments(stored.id(), seen.documents(), items);
			return false;
		}
		long id;
		int sequence;
		MeetingStatus status = statusAfter(stored, seen, diff);
		if (stored == null) {
			id = repository.insert(seen, now);
			sequence = 0;
		}
		else {
			id = stored.id();
			sequence = stored.sequence() + 1;
			repository.update(id, seen, status, sequence, now);
		}
		repository.syncItems(id, items);
		repository.replaceDocuments(id, seen.documents(), items);
		Meeting meeting = repository.find(id).orElseThrow();
		boolean critical = isCritical(meeting, stored, diff.changes(), now);
		long revision = repository.insertRevision(id, diff.changes(), diff.removedItems(), critical, now);
		events.publishEvent(new MeetingChanged(revision, id, critical));
		return true;
	}

	/** Whether storing {@code seen} over {@code stored} would change none of the meeting's own columns. */
	private static boolean sameFields(Meeting stored, MeetingSnapshot seen) {
		String location = AgendaItem.blankToNull(seen.location());
		return Objects.equals(stored.jurisdiction(), seen.jurisdiction()) && Objects.equals(stored.body(), seen.body())
				&& Objects.equals(stored.title(), seen.title()) && stored.start().equals(seen.start())
				&& stored.zone().equals(seen.zone()) && (location == null || location.equals(stored.location()))
				&& Objects.equals(stored.agendaUrl(), seen.agendaUrl())
				&& Objects.equals(stored.sourceUrl(), seen.sourceUrl())
				&& Objects.equals(stored.description(), AgendaItem.blankToNull(seen.description()));
	}

	private static MeetingStatus statusAfter(Meeting stored, MeetingSnapshot seen, MeetingDiff.Result diff) {
		if (seen.status() == MeetingStatus.CANCELLED) {
			return MeetingStatus.CANCELLED;
		}
		boolean moved = diff.changes().stream().anyMatch(change -> change.kind() == ChangeKind.RESCHEDULED);
		if (moved || (stored != null && stored.status() == MeetingStatus.RESCHEDULED)) {
			return MeetingStatus.RESCHEDULED;
		}
		return MeetingStatus.SCHEDULED;
	}

	/** Soon, special, cancelled, or moved away from a time that was soon (people may be on their way). */
	private boolean isCritical(Meeting meeting, Meeting before, List<Change> changes, Instant now) {
		boolean soon = isSoon(meeting.start(), now)
				|| (before != null && !before.start().equals(meeting.start()) && isSoon(before.start(), now));
		boolean urgentKind = changes.stream().anyMatch(change -> change.kind() == ChangeKind.CANCELLED);
		return soon || urgentKind || meeting.isSpecial();
	}

	private boolean isSoon(Instant start, Instant now) {
		return Duration.between(now, start).compareTo(properties.criticalWindow()) < 0;
	}

	private static Collection<MeetingSnapshot> bySourceId(List<MeetingSnapshot> snapshots) {
		Map<String, MeetingSnapshot> unique = new LinkedHashMap<>();
		snapshots.forEach(snapshot -> unique.putIfAbsent(snapshot.sourceId(), snapshot));
		return unique.values();
	}

	/** Each document linked to an upcoming meeting (however far ahead), once, with the feed it came from. */
	public List<DocumentToRead> documentsToRead() {
		return repository.documentsToRead(upcomingFrom());
	}

	/**
	 * Records on every upcoming meeting that links the document what reading it found. Where it brings content the
	 * meeting had not seen, with text in it, the meeting gets a revision with a {@link ChangeKind#DOCUMENT_CHANGED}
	 * (one per item holding the document) and a {@link MeetingChanged}, so its new pages are matched and told like
	 * any other change. A document that could not be fetched this time keeps the content it had.
	 *
	 * @return how many meetings got a revision
	 */
	public int documentRead(DocumentRead read) {
		Map<Long, List<MeetingRepository.DocumentRow>> byMeeting = new LinkedHashMap<>();
		repository.documentRows(read.url(), upcomingFrom()).stream()
			.filter(row -> differs(row, read))
			.forEach(row -> byMeeting.computeIfAbsent(row.meetingId(), id -> new ArrayList<>()).add(row));
		int revisions = 0;
		for (Map.Entry<Long, List<MeetingRepository.DocumentRow>> entry : byMeeting.entrySet()) {
			if (Boolean.TRUE.equals(transactions.execute(status -> recordReading(entry.getKey(), entry.getValue(), read)))) {
				revisions++;
			}
		}
		return revisions;
	}

	private static boolean differs(MeetingRepository.DocumentRow row, DocumentRead read) {
		String hash = read.contentHash() != null ? read.contentHash() : row.contentHash();
		Integer pages = read.contentHash() != null ? read.pages() : row.pages();
		return !java.util.Objects.equals(hash, row.contentHash()) || !java.util.Objects.equals(pages, row.pages())
				|| !java.util.Objects.equals(read.error(), row.error());
	}

	private boolean recordReading(long meetingId, List<MeetingRepository.DocumentRow> rows, DocumentRead read) {
		repository.lock(meetingId);
		Meeting before = repository.find(meetingId).orElse(null);
		if (before == null) {
			return false;
		}
		MeetingRepository.DocumentRow first = rows.get(0);
		boolean fetched = read.contentHash() != null;
		repository.recordReading(meetingId, read.url(), fetched ? read.pages() : first.pages(), read.error(),
				fetched ? read.contentHash() : first.contentHash());
		if (!fetched || !read.hasText() || read.contentHash().equals(first.contentHash())) {
			return false;
		}
		List<Change> changes = rows.stream().map(MeetingRepository.DocumentRow::itemKey).distinct()
			.map(itemKey -> Change.document(itemKey, first.contentHash(), read.contentHash()))
			.toList();
		Instant now = clock.instant();
		Meeting meeting = repository.find(meetingId).orElseThrow();
		boolean critical = isCritical(meeting, null, changes, now);
		long revision = repository.insertRevision(meetingId, changes, List.of(), critical, now);
		events.publishEvent(new MeetingChanged(revision, meetingId, critical));
		return true;
	}

	/** Meetings starting in [from, to), optionally of one feed; all of them (searching is the matching module's). */
	public List<Meeting> find(Instant from, Instant to, String feedId) {
		return repository.list(new MeetingQuery(from, to, feedId, null), null, 0, Integer.MAX_VALUE);
	}

	/** Up to {@code limit} of the query's meetings in start order, after {@code after} (null: from the first). */
	public MeetingPage page(MeetingQuery query, MeetingCursor after, int limit) {
		return page(repository.list(query, after, 0, limit + 1), limit);
	}

	/** Up to {@code limit} of the query's meetings in start order, from the {@code offset}-th (0: the first). */
	public MeetingPage page(MeetingQuery query, int offset, int limit) {
		return page(repository.list(query, null, offset, limit + 1), limit);
	}

	/** Of the meetings {@code ids}, those starting in [upcomingFrom, upcomingFrom + horizon), the earliest {@code limit}. */
	public List<Meeting> upcomingAmong(Collection<Long> ids, Duration horizon, int limit) {
		Instant from = upcomingFrom();
		return repository.among(ids, new MeetingQuery(from, from.plus(horizon), null, null), limit);
	}

	/**
	 * Up to {@code limit} of the query's meetings that {@code filter} keeps, in start order, after {@code after}: read
	 * in chunks, so that a search finding a few meetings among many reads each once and a page never holds more.
	 */
	public MeetingPage page(MeetingQuery query, MeetingCursor after, int limit, UnaryOperator<List<Meeting>> filter) {
		return page(filtered(query, after, limit + 1, filter), limit);
	}

	/** As {@link #page(MeetingQuery, int, int)}, counting and returning only the meetings {@code filter} keeps. */
	public MeetingPage page(MeetingQuery query, int offset, int limit, UnaryOperator<List<Meeting>> filter) {
		List<Meeting> kept = filtered(query, null, offset + limit + 1, filter);
		return page(kept.subList(Math.min(offset, kept.size()), kept.size()), limit);
	}

	/** The first {@code wanted} meetings {@code filter} keeps (fewer when the query runs out), in start order. */
	private List<Meeting> filtered(MeetingQuery query, MeetingCursor after, int wanted, UnaryOperator<List<Meeting>> filter) {
		int chunk = Math.max(wanted, FILTERED_CHUNK);
		List<Meeting> kept = new ArrayList<>();
		MeetingCursor cursor = after;
		while (kept.size() < wanted) {
			List<Meeting> read = repository.list(query, cursor, 0, chunk);
			kept.addAll(filter.apply(read));
			if (read.size() < chunk) {
				break;
			}
			Meeting last = read.get(read.size() - 1);
			cursor = new MeetingCursor(last.start(), last.id());
		}
		return kept.size() > wanted ? kept.subList(0, wanted) : kept;
	}

	/** One more than a page was asked for: its presence says that a next page exists. */
	private static MeetingPage page(List<Meeting> found, int limit) {
		if (found.size() <= limit) {
			return new MeetingPage(found, null);
		}
		Meeting last = found.get(limit - 1);
		return new MeetingPage(found.subList(0, limit), new MeetingCursor(last.start(), last.id()));
	}

	/** Meetings from a little while ago (still running) onwards. */
	public Instant upcomingFrom() {
		return clock.instant().minus(properties.lookBack());
	}

	/**
	 * Holds the meeting's row until the caller's transaction ends, so that the changes of one meeting are acted
	 * on one at a time, whichever node acts on them (corrections depend on who heard of the change before).
	 */
	public void lock(long meetingId) {
		repository.lock(meetingId);
	}

	/** A stored revision with the meeting as it is now; empty when the meeting has since been deleted. */
	public Optional<MeetingRevision> revision(long revisionId) {
		return repository.revision(revisionId);
	}

	public Optional<Meeting> find(long id) {
		return repository.find(id);
	}

	/** Whether the meeting starts within the critical window from now: messages about it never wait. */
	public boolean isWithinCriticalWindow(Meeting meeting) {
		return !meeting.start().isAfter(clock.instant().plus(properties.criticalWindow()));
	}

	/** How many upcoming meetings are stored for a feed. */
	public int countUpcoming(String feedId) {
		return repository.countFeedMeetings(feedId, upcomingFrom());
	}

}
