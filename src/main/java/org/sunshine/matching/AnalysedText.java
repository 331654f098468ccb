package org.sunshine.matching;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A text cut into words once ({@link TermAnalysis}), with where each stemmed word stands and which unstemmed
 * words it holds: what a {@link Condition} is decided on, for alerts and for search alike.
 */
final class AnalysedText {

	private static final int[] NOWHERE = {};

	private final List<TermAnalysis.Token> tokens;

	/** Each stemmed word's positions, in order. */
	private final Map<String, int[]> positions = new HashMap<>();

	private final Set<String> exact = new HashSet<>();

	private AnalysedText(List<TermAnalysis.Token> tokens) {
		this.tokens = tokens;
		for (int i = 0; i < tokens.size(); i++) {
			TermAnalysis.Token token = tokens.get(i);
			int[] before = positions.get(token.term());
			int[] at = before == null ? new int[1] : Arrays.copyOf(before, before.length + 1);
			at[at.length - 1] = i;
			positions.put(token.term(), at);
			exact.add(token.exact());
		}
	}

	static AnalysedText of(String text) {
		return new AnalysedText(TermAnalysis.tokens(text));
	}

	List<TermAnalysis.Token> tokens() {
		return tokens;
	}

	/** The distinct stemmed words. */
	Set<String> stems() {
		return positions.keySet();
	}

	/** The distinct unstemmed words. */
	Set<String> exactWords() {
		return exact;
	}

	boolean hasStem(String term) {
		return positions.containsKey(term);
	}

	boolean hasExact(String word) {
		return exact.contains(word);
	}

	int[] positionsOf(String term) {
		return positions.getOrDefault(term, NOWHERE);
	}

	boolean hasStemAt(String term, int position) {
		return position >= 0 && position < tokens.size() && tokens.get(position).term().equals(term);
	}

	boolean hasExactStartingWith(String prefix) {
		for (String word : exact) {
			if (word.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
