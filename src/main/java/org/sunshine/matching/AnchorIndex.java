package org.sunshine.matching;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The index's term → query map: each distinct query filed under its anchors (a word under the word, a phrase
 * or an AND of words under a pair of its words, an OR under each branch's, an AND under one required part's, a
 * prefix under the prefix). A text is compared only with the queries filed under its words and their beginnings.
 */
final class AnchorIndex {

	private final Map<Condition.Anchor.Kind, Map<String, List<StoredQuery>>> filed = new EnumMap<>(
			Condition.Anchor.Kind.class);

	/** What needs two words, by one and then the other. */
	private final Map<String, Map<String, List<StoredQuery>>> pairs = new HashMap<>();

	private int longestPrefix;

	/** Counts the looks, to mark which queries a look has compared ({@link StoredQuery#comparedBefore}). */
	private long looks;

	AnchorIndex() {
		for (Condition.Anchor.Kind kind : Condition.Anchor.Kind.values()) {
			filed.put(kind, new HashMap<>());
		}
	}

	/** Files the query under its least loaded anchors; one that can match nothing is filed nowhere. */
	void add(StoredQuery query) {
		query.fileUnder(query.condition().anchors(this::load));
		for (Condition.Anchor anchor : query.anchors()) {
			filedUnder(anchor).computeIfAbsent(anchor.also() == null ? anchor.term() : anchor.also(),
					term -> new ArrayList<>()).add(query);
			if (anchor.kind() == Condition.Anchor.Kind.PREFIX) {
				longestPrefix = Math.max(longestPrefix, anchor.term().length());
			}
		}
	}

	void remove(StoredQuery query) {
		for (Condition.Anchor anchor : query.anchors()) {
			Map<String, List<StoredQuery>> byTerm = filedUnder(anchor);
			String key = anchor.also() == null ? anchor.term() : anchor.also();
			List<StoredQuery> queries = byTerm.get(key);
			if (queries != null) {
				queries.remove(query);
				if (queries.isEmpty()) {
					byTerm.remove(key);
					if (byTerm.isEmpty() && anchor.also() != null) {
						pairs.remove(anchor.term());
					}
				}
			}
		}
		query.fileUnder(Set.of());
	}

	/** The queries that match the text, each once. Not thread-safe: the index calls it under its lock. */
	List<StoredQuery> matches(AnalysedText text) {
		long look = ++looks;
		List<StoredQuery> matched = new ArrayList<>();
		Map<String, List<StoredQuery>> stems = filed.get(Condition.Anchor.Kind.STEM);
		for (String stem : text.stems()) {
			compare(stems.get(stem), text, look, matched);
			Map<String, List<StoredQuery>> withSecond = pairs.get(stem);
			if (withSecond != null) {
				for (String second : text.stems()) {
					compare(withSecond.get(second), text, look, matched);
				}
			}
		}
		Map<String, List<StoredQuery>> exact = filed.get(Condition.Anchor.Kind.EXACT);
		Map<String, List<StoredQuery>> prefixes = filed.get(Condition.Anchor.Kind.PREFIX);
		for (String word : text.exactWords()) {
			compare(exact.get(word), text, look, matched);
			if (!prefixes.isEmpty()) {
				for (int length = 1; length <= Math.min(word.length(), longestPrefix); length++) {
					compare(prefixes.get(word.substring(0, length)), text, look, matched);
				}
			}
		}
		return matched;
	}

	private static void compare(List<StoredQuery> candidates, AnalysedText text, long look, List<StoredQuery> matched) {
		if (candidates == null) {
			return;
		}
		for (StoredQuery query : candidates) {
			if (!query.comparedBefore(look) && query.condition().matches(text)) {
				matched.add(query);
			}
		}
	}

	private Map<String, List<StoredQuery>> filedUnder(Condition.Anchor anchor) {
		return anchor.also() == null ? filed.get(anchor.kind())
				: pairs.computeIfAbsent(anchor.term(), term -> new HashMap<>());
	}

	private int load(Condition.Anchor anchor) {
		List<StoredQuery> queries = anchor.also() == null ? filed.get(anchor.kind()).get(anchor.term())
				: pairs.getOrDefault(anchor.term(), Map.of()).get(anchor.also());
		return queries == null ? 0 : queries.size();
	}

}
