package org.sunshine.matching;

import java.util.List;

/**
 * An interest hit by a meeting change.
 *
 * @param terms the subscriber's terms that matched, as they wrote them
 * @param items the agenda items that matched, in agenda order; empty when only the meeting itself matched
 * @param meetingSnippet where the meeting's own title or description matched, or null
 * @param documents where the interest matched in the meeting's or its items' documents, one entry per document
 */
public record Match(long subscriberId, long interestId, List<String> terms, List<MatchedItem> items,
		Snippet meetingSnippet, List<DocumentMatch> documents) {

	public Match {
		terms = List.copyOf(terms);
		items = List.copyOf(items);
		documents = documents == null ? List.of() : List.copyOf(documents);
	}

	public Match(long subscriberId, long interestId, List<String> terms, List<MatchedItem> items,
			Snippet meetingSnippet) {
		this(subscriberId, interestId, terms, items, meetingSnippet, List.of());
	}

}
