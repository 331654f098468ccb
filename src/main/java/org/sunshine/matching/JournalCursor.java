package org.sunshine.matching;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sunshine.subscription.ActiveInterests.InterestChange;
import org.sunshine.subscription.ActiveInterests.InterestJournal;

/**
 * How far a node's index has taken in the journal of interest changes. A seq is taken when a row is inserted, but
 * the row is seen only once its transaction commits, so a reader can see seq 11 while 10 is still to come: a seq
 * missing below the newest one seen is asked for again on each look until it shows up, or until
 * {@link #GAP_WAIT} has passed (its transaction rolled back, or a sequence skipped it).
 */
final class JournalCursor {

	/** Longer than any transaction that writes interests is expected to stay open. */
	static final Duration GAP_WAIT = Duration.ofMinutes(10);

	/** How many seqs before the newest a fresh build looks back over for rows not yet committed. */
	static final int LOOKBACK = 1_000;

	private long last;

	/** Missing seqs, with when each was first missed. */
	private final Map<Long, Instant> gaps = new LinkedHashMap<>();

	private JournalCursor(long last) {
		this.last = last;
	}

	/** Where to read from to start a cursor at the journal as it is now (before a build reads every interest). */
	static long lookbackFrom(InterestJournal journal) {
		return Math.max(0, Math.max(journal.oldest() - 1, journal.latest() - LOOKBACK));
	}

	/** A cursor for a build that read the journal's rows after {@code from} before reading the interests. */
	static JournalCursor start(long from, InterestJournal journal, List<InterestChange> recent, Clock clock) {
		JournalCursor cursor = new JournalCursor(from);
		cursor.advance(recent, journal.latest(), clock);
		return cursor;
	}

	long last() {
		return last;
	}

	Set<Long> gaps() {
		return Set.copyOf(gaps.keySet());
	}

	/** Nothing new to read: the newest seq is the one taken, and no seq is missing. */
	boolean isCurrent(InterestJournal journal) {
		return journal.latest() == last && gaps.isEmpty();
	}

	/**
	 * Rows this cursor never read were pruned (it looked last over a day ago), or the journal is not the one it
	 * read (a database restored): only a build is right then.
	 */
	boolean lostTrack(InterestJournal journal) {
		return journal.latest() < last || (journal.latest() > last && journal.oldest() > last + 1);
	}

	/** Takes in the rows read after {@link #last()} and among the {@link #gaps()}. */
	void advance(List<InterestChange> read, long latest, Clock clock) {
		Instant now = clock.instant();
		Set<Long> seen = new HashSet<>();
		long newest = Math.max(last, latest);
		for (InterestChange change : read) {
			seen.add(change.seq());
			gaps.remove(change.seq());
			newest = Math.max(newest, change.seq());
		}
		for (long seq = Math.max(last + 1, newest - LOOKBACK + 1); seq <= newest; seq++) {
			if (!seen.contains(seq)) {
				gaps.putIfAbsent(seq, now);
			}
		}
		last = newest;
		forgetOverdue(clock);
	}

	/** Gives up the missing seqs missed for {@link #GAP_WAIT}: rolled back, or skipped by the sequence. */
	void forgetOverdue(Clock clock) {
		Instant now = clock.instant();
		gaps.values().removeIf(missedAt -> !missedAt.plus(GAP_WAIT).isAfter(now));
	}

}
