package org.sunshine.subscription;

import java.util.Collection;
import java.util.List;

/**
 * What the matching index reads of the subscription module: the active interests, and the journal of changes to
 * them that lets it follow sign-ups and changes one by one instead of reading everyone again.
 * {@link Subscriptions} is the one implementation; the matching benchmark holds a million interests in memory.
 */
public interface ActiveInterests {

	/** Every interest whose subscriber can currently be reached. */
	List<Interest> activeInterests();

	/** The active interests of these subscribers (none for one deleted or that can no longer be reached). */
	List<Interest> activeInterestsOf(Collection<Long> subscriberIds);

	/** The journal's bounds: one cheap indexed read, for asking "anything new?" on every match. */
	InterestJournal interestJournal();

	/**
	 * The journal's rows after {@code seq}, and those of {@code alsoSeqs}: seqs a reader saw missing, which may
	 * belong to transactions that had not committed yet.
	 */
	List<InterestChange> interestChangesSince(long seq, Collection<Long> alsoSeqs);

	/**
	 * The journal of changes to {@link #activeInterests()}: every write that may change a subscriber's active
	 * interests appends a row naming the subscriber in the same transaction; rows are kept for
	 * {@link Subscriptions#JOURNAL_KEPT} (the newest always).
	 *
	 * @param oldest the first seq kept, 0 when the journal is empty
	 * @param latest the last seq, 0 when the journal is empty
	 */
	record InterestJournal(long oldest, long latest) {
	}

	/** One row of the journal: this subscriber's active interests may have changed. */
	record InterestChange(long seq, long subscriberId) {
	}

}
