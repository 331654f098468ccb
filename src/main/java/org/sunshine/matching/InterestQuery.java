package org.sunshine.matching;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.lucene.search.Query;

/**
 * One interest's text ready to match: the Lucene query that says what it means, the condition that decides it
 * on a text (the same for alerts and search), and the leaves it looks for, which say why it matched.
 *
 * @param text the interest as the resident wrote it
 * @param leaves the words, phrases and prefixes looked for (not those excluded), aliases included
 * @param condition the query, decided on analysed text
 */
record InterestQuery(String text, Query query, List<Leaf> leaves, Condition condition) {

	InterestQuery {
		leaves = List.copyOf(leaves);
	}

	InterestQuery(String text, Query query, List<Leaf> leaves) {
		this(text, query, leaves, Condition.of(query));
	}

	/** Whether the text is one this interest is told of. */
	boolean matches(AnalysedText text) {
		return condition.matches(text);
	}

	/** The labels of the leaves found in a matched text; the interest's text if, oddly, none is. */
	List<String> wordsIn(List<TermAnalysis.Token> tokens) {
		Set<String> words = new LinkedHashSet<>();
		leaves.stream().filter(leaf -> leaf.indexIn(tokens) >= 0).forEach(leaf -> words.add(leaf.label()));
		return words.isEmpty() ? List.of(text) : List.copyOf(words);
	}

	/** The leaves found in a matched text, for its snippet. */
	List<Leaf> leavesIn(List<TermAnalysis.Token> tokens) {
		return leaves.stream().filter(leaf -> leaf.indexIn(tokens) >= 0).toList();
	}

}
