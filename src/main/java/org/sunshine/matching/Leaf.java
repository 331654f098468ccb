package org.sunshine.matching;

import java.util.List;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A word, phrase or prefix an interest looks for, as analysed words, with the label an alert shows when it is
 * found: what the resident wrote, or the alias that matched and what it stands for ("ICE (≈ 287(g))").
 *
 * @param terms stemmed words, or for a prefix the unstemmed words, the last one a beginning
 */
record Leaf(String label, List<String> terms, boolean prefix) {

	Leaf {
		terms = List.copyOf(terms);
	}

	/** The Lucene query that finds this leaf: the same comparison {@link #indexIn} makes on tokens. */
	Query query() {
		if (terms.isEmpty()) {
			return new MatchNoDocsQuery("no words");
		}
		if (prefix) {
			// A prefix holding punctuation ("covid-1*"): its whole words anywhere with a word so beginning; core
			// Lucene has no adjacency for prefixes, and such prefixes are rare.
			BooleanQuery.Builder all = new BooleanQuery.Builder();
			for (int i = 0; i < terms.size() - 1; i++) {
				all.add(new TermQuery(new Term(TermAnalysis.EXACT, terms.get(i))), Occur.MUST);
			}
			Query last = new PrefixQuery(new Term(TermAnalysis.EXACT, terms.get(terms.size() - 1)));
			return terms.size() == 1 ? last : all.add(last, Occur.MUST).build();
		}
		if (terms.size() == 1) {
			return new TermQuery(new Term(TermAnalysis.FIELD, terms.get(0)));
		}
		return new PhraseQuery(TermAnalysis.FIELD, terms.toArray(String[]::new));
	}

	/** Where this leaf first stands in the tokens, or -1. */
	int indexIn(List<TermAnalysis.Token> tokens) {
		if (terms.isEmpty()) {
			return -1;
		}
		for (int i = 0; i + terms.size() <= tokens.size(); i++) {
			if (startsAt(tokens, i)) {
				return i;
			}
		}
		return -1;
	}

	private boolean startsAt(List<TermAnalysis.Token> tokens, int index) {
		int last = terms.size() - 1;
		for (int j = 0; j <= last; j++) {
			TermAnalysis.Token token = tokens.get(index + j);
			boolean same = !prefix ? token.term().equals(terms.get(j))
					: j < last ? token.exact().equals(terms.get(j)) : token.exact().startsWith(terms.get(j));
			if (!same) {
				return false;
			}
		}
		return true;
	}

}
