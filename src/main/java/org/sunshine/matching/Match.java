package org.sunshine.matching;

import java.util.List;

/**
 * An interest hit by a meeting change.
 *
 * @param terms the subscriber's terms that matched, as they wrote them
 * @param items the agenda items that matched, in agenda order; empty when only the meeting itself matched
 * @param meetingSnippet where the meeting's own title or description matched, or null
 */
public record Match(long subscriberId, long interestId, List<String> terms, List<MatchedItem> items,
		Snippet meetingSnippet) {

	public Match {
		terms = List.copyOf(terms);
		items = List.copyOf(items);
	}

}
