package org.sunshine.feed;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.sunshine.feed.fetch.FetchException;
import org.sunshine.feed.fetch.FetchResult;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.feed.fetch.PollBudgetSpent;
import org.sunshine.feed.fetch.Reach;
import org.sunshine.feed.fetch.Validators;

/**
 * The fetcher as one poll of one feed uses it: every fetch within the feed's reach (what the admin configured), and
 * none started once the poll's time budget is spent. A fetch under way when the budget runs out still has its own
 * timeout, so a poll overruns its budget by one fetch at most.
 */
final class PollFetcher implements Fetcher {

	private final Fetcher fetcher;

	private final Reach reach;

	private final Clock clock;

	private final Instant deadline;

	private final Duration budget;

	PollFetcher(Fetcher fetcher, Reach reach, Clock clock, Duration budget) {
		this.fetcher = fetcher;
		this.reach = reach;
		this.clock = clock;
		this.budget = budget;
		this.deadline = clock.instant().plus(budget);
	}

	/** Whether the poll's time is up. */
	boolean spent() {
		return !clock.instant().isBefore(deadline);
	}

	/** "5 min", "90 s". */
	static String words(Duration duration) {
		return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
	}

	@Override
	public FetchResult fetch(URI uri, Validators previous, Reach ignored) throws FetchException {
		// Whatever reach a reader asks for, the feed's own is the one that holds.
		if (spent()) {
			throw new PollBudgetSpent("the poll budget of " + words(budget) + " was spent");
		}
		return fetcher.fetch(uri, previous, reach);
	}

	@Override
	public FetchResult fetch(URI uri, Validators previous) throws FetchException {
		return fetch(uri, previous, reach);
	}

}
