package org.sunshine.feed.read;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.fetch.FetchException;
import org.sunshine.feed.fetch.FetchResult;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.meeting.MeetingSnapshot;

/** Turns one format's documents into meeting snapshots. One implementation per {@link FeedType}. */
public interface FeedReader {

	FeedType type();

	/** False for a reader that makes its meetings itself (the sample city): the poller then fetches nothing. */
	default boolean fetches() {
		return true;
	}

	/** The document to fetch (conditionally) on each poll; a 304 on it means nothing changed. */
	URI sourceUri(FeedDefinition feed, Instant now);

	/**
	 * Reads the fetched document, fetching more documents with {@code fetcher} if the format needs them
	 * (Legistar event items), and returns the feed's meetings from {@code now} minus a day onwards.
	 */
	List<MeetingSnapshot> read(FeedDefinition feed, FetchResult document, Fetcher fetcher, Instant now)
			throws FeedReadException, FetchException;

	/**
	 * As {@link #read(FeedDefinition, FetchResult, Fetcher, Instant)}, within the poll's caps. A reader that fetches
	 * details per meeting (Legistar) reads in full only meetings new or changed since {@code poll} last read them,
	 * and at most {@link Poll#maxDetailReads()} of them, leaving the rest for the next poll; meetings it did not read
	 * again are not returned, and stay as stored.
	 */
	default List<MeetingSnapshot> read(FeedDefinition feed, FetchResult document, Fetcher fetcher, Instant now,
			Poll poll) throws FeedReadException, FetchException {
		return read(feed, document, fetcher, now);
	}

}
