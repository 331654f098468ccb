package org.sunshine.feed.fetch;

/** A fetch not made because the poll's time budget ({@code sunshine.feed.poll-budget}) is spent. */
public class PollBudgetSpent extends FetchException {

	public PollBudgetSpent(String message) {
		super(message);
	}

}
