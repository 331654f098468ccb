package org.sunshine.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A compiled interest's Lucene query decided on an {@link AnalysedText} directly, the way Lucene decides it on
 * that text's index, without building one per text: what alerts ({@link InterestIndex}) and search
 * ({@link MeetingSearch}) both ask. The matching benchmark holds it to Lucene's own answer (a MemoryIndex per
 * text) on real agendas.
 * <p>
 * Each condition also names its anchors: words (or prefixes) at least one of which any text it matches holds,
 * under which the index files it so that a text is only compared with the conditions that can match it.
 */
sealed interface Condition {

	boolean matches(AnalysedText text);

	/**
	 * Anchors such that a text this matches holds at least one; none when it can match nothing. Where there is a
	 * choice (a phrase's words, an AND's parts) the least loaded anchors are taken.
	 */
	Set<Anchor> anchors(ToIntFunction<Anchor> load);

	/**
	 * Whether every text holding the anchor (both words of a pair) matches: then the index need not compare it.
	 * False where unsure.
	 */
	default boolean provenBy(Anchor anchor) {
		return false;
	}

	/**
	 * What the anchor proves without comparing the text: a match wherever the text also holds some stemmed words
	 * ({@code police fire station} under the pair "station", "police": "fire") and none of some others
	 * ({@code budget -hearing}: "hearing"). Both empty when the anchor proves it outright ({@link #provenBy}); null
	 * when the text must be compared.
	 */
	default Proof proof(Anchor anchor) {
		return provenBy(anchor) ? Proof.OUTRIGHT : null;
	}

	/** A match proven by an anchor if the text also holds every word of {@code needs} and no word of {@code unless}. */
	record Proof(List<String> needs, Set<String> unless) {

		static final Proof OUTRIGHT = new Proof(List.of(), Set.of());

	}

	/** Stemmed words every text this matches holds (none known for an OR, a prefix, an unstemmed word). */
	default List<String> requiredStems() {
		return List.of();
	}

	/**
	 * A word stemmed ({@link TermAnalysis#FIELD}), a word unstemmed ({@link TermAnalysis#EXACT}), or a beginning;
	 * a stemmed word may come with a second one the text must hold too ({@code also}), for what needs both words
	 * (an AND): filed under the pair, it is compared only with texts that hold both. A phrase is filed under two of
	 * its words that the text must hold side by side ({@link Kind#ADJACENT}), far rarer than holding both.
	 */
	record Anchor(Kind kind, String term, String also) {

		enum Kind {
			STEM, EXACT, PREFIX,
			/** The stemmed {@code term} immediately followed by the stemmed {@code also}. */
			ADJACENT
		}

		/** The order of a pair's words: the longer first (the rarer as a rule), then alphabetical. */
		static final Comparator<String> PAIR_ORDER = Comparator.comparingInt(String::length).reversed()
			.thenComparing(Comparator.naturalOrder());

		Anchor(Kind kind, String term) {
			this(kind, term, null);
		}

		/** Whether a pair may be filed as ({@code first}, {@code second}): in {@link #PAIR_ORDER}, distinct. */
		static boolean inPairOrder(String first, String second) {
			return second.length() < first.length()
					|| second.length() == first.length() && second.compareTo(first) > 0;
		}

	}

	/** Two of the words that must all be there (the longest, which are the rarest as a rule), if there are two. */
	private static Set<Anchor> pair(List<String> stems) {
		List<String> distinct = stems.stream().distinct().sorted(Anchor.PAIR_ORDER).toList();
		return distinct.size() < 2 ? Set.of() : Set.of(new Anchor(Anchor.Kind.STEM, distinct.get(0), distinct.get(1)));
	}

	/** @throws IllegalArgumentException for a query the interest compiler does not make */
	static Condition of(Query query) {
		if (query instanceof TermQuery term) {
			boolean stemmed = term.getTerm().field().equals(TermAnalysis.FIELD);
			return new Word(new Anchor(stemmed ? Anchor.Kind.STEM : Anchor.Kind.EXACT, term.getTerm().text()));
		}
		if (query instanceof PhraseQuery phrase && phrase.getSlop() == 0
				&& phrase.getField().equals(TermAnalysis.FIELD)) {
			return new Phrase(List.of(phrase.getTerms()).stream().map(term -> term.text()).toList(),
					phrase.getPositions());
		}
		if (query instanceof PrefixQuery prefix && prefix.getField().equals(TermAnalysis.EXACT)) {
			return new Prefix(prefix.getPrefix().text());
		}
		if (query instanceof MatchNoDocsQuery) {
			return new Nothing();
		}
		if (query instanceof BooleanQuery bool && bool.getMinimumNumberShouldMatch() == 0) {
			List<Condition> required = new ArrayList<>();
			List<Condition> optional = new ArrayList<>();
			List<Condition> excluded = new ArrayList<>();
			for (BooleanClause clause : bool.clauses()) {
				Condition part = of(clause.getQuery());
				switch (clause.getOccur()) {
					case MUST, FILTER -> required.add(part);
					case SHOULD -> optional.add(part);
					case MUST_NOT -> excluded.add(part);
				}
			}
			return new Bool(required, optional, excluded);
		}
		throw new IllegalArgumentException("Not an interest's query: " + query);
	}

	/** One word, stemmed or not. */
	record Word(Anchor anchor) implements Condition {

		@Override
		public boolean matches(AnalysedText text) {
			return anchor.kind() == Anchor.Kind.STEM ? text.hasStem(anchor.term()) : text.hasExact(anchor.term());
		}

		@Override
		public boolean provenBy(Anchor held) {
			return held.kind() == anchor.kind()
					&& (held.term().equals(anchor.term()) || anchor.term().equals(held.also()));
		}

		@Override
		public Set<Anchor> anchors(ToIntFunction<Anchor> load) {
			return Set.of(anchor);
		}

		@Override
		public List<String> requiredStems() {
			return anchor.kind() == Anchor.Kind.STEM ? List.of(anchor.term()) : List.of();
		}

	}

	/** Stemmed words at these relative positions (Lucene's exact phrase). */
	record Phrase(List<String> terms, int[] positions) implements Condition {

		@Override
		public boolean matches(AnalysedText text) {
			for (int start : text.positionsOf(terms.get(0))) {
				int origin = start - positions[0];
				boolean all = true;
				for (int i = 1; i < terms.size() && all; i++) {
					all = text.hasStemAt(terms.get(i), origin + positions[i]);
				}
				if (all) {
					return true;
				}
			}
			return false;
		}

		@Override
		public boolean provenBy(Anchor held) {
			return held.kind() == Anchor.Kind.ADJACENT && terms.size() == 2 && positions[1] == positions[0] + 1
					&& held.term().equals(terms.get(0)) && held.also().equals(terms.get(1));
		}

		@Override
		public List<String> requiredStems() {
			return terms;
		}

		@Override
		public Set<Anchor> anchors(ToIntFunction<Anchor> load) {
			List<Anchor> sideBySide = new ArrayList<>();
			for (int i = 1; i < terms.size(); i++) {
				if (positions[i] == positions[i - 1] + 1) {
					sideBySide.add(new Anchor(Anchor.Kind.ADJACENT, terms.get(i - 1), terms.get(i)));
				}
			}
			if (!sideBySide.isEmpty()) {
				return Set.of(sideBySide.stream().min(Comparator.comparingInt(load)
					.thenComparing(anchor -> -anchor.term().length() - anchor.also().length())).orElseThrow());
			}
			Set<Anchor> pair = pair(terms);
			if (!pair.isEmpty()) {
				return pair;
			}
			return Set.of(terms.stream().map(term -> new Anchor(Anchor.Kind.STEM, term))
				.min(Comparator.comparingInt(load).thenComparing(anchor -> -anchor.term().length()))
				.orElseThrow());
		}

	}

	/** Any unstemmed word so beginning. */
	record Prefix(String prefix) implements Condition {

		@Override
		public boolean matches(AnalysedText text) {
			return text.hasExactStartingWith(prefix);
		}

		@Override
		public boolean provenBy(Anchor held) {
			return held.kind() == Anchor.Kind.PREFIX && held.term().equals(prefix);
		}

		@Override
		public Set<Anchor> anchors(ToIntFunction<Anchor> load) {
			return Set.of(new Anchor(Anchor.Kind.PREFIX, prefix));
		}

	}

	/** What matches nothing (a leaf without words). */
	record Nothing() implements Condition {

		@Override
		public boolean matches(AnalysedText text) {
			return false;
		}

		@Override
		public Set<Anchor> anchors(ToIntFunction<Anchor> load) {
			return Set.of();
		}

	}

	/**
	 * Lucene's boolean query: every required part; with none required, at least one optional part; and no
	 * excluded part. Only excluded parts match nothing.
	 */
	record Bool(List<Condition> required, List<Condition> optional, List<Condition> excluded) implements Condition {

		@Override
		public boolean matches(AnalysedText text) {
			// Loops rather than streams: this runs for every candidate query of every text.
			if (required.isEmpty()) {
				boolean any = false;
				for (int i = 0; i < optional.size() && !any; i++) {
					any = optional.get(i).matches(text);
				}
				if (!any) {
					return false;
				}
			}
			else {
				for (Condition part : required) {
					if (!part.matches(text)) {
						return false;
					}
				}
			}
			for (Condition part : excluded) {
				if (part.matches(text)) {
					return false;
				}
			}
			return true;
		}

		@Override
		public boolean provenBy(Anchor anchor) {
			// Asked when a query is filed, not per text: streams will do here.
			return excluded.isEmpty() && (required.isEmpty() ? optional.stream().anyMatch(part -> part.provenBy(anchor))
					: required.stream().allMatch(part -> part.provenBy(anchor)));
		}

		@Override
		public Proof proof(Anchor anchor) {
			if (!excluded.stream().allMatch(Bool::isStemmedWord)) {
				return null;
			}
			Set<String> unless = new LinkedHashSet<>();
			excluded.forEach(part -> unless.add(((Word) part).anchor().term()));
			if (new Bool(required, optional, List.of()).provenBy(anchor)) {
				return new Proof(List.of(), unless);
			}
			// An AND of words filed under a pair of them: proven if the text holds the others too.
			if (anchor.kind() != Anchor.Kind.STEM || required.isEmpty() || !required.stream().allMatch(Bool::isStemmedWord)) {
				return null;
			}
			List<String> words = requiredStems();
			if (!words.contains(anchor.term()) || anchor.also() != null && !words.contains(anchor.also())) {
				return null;
			}
			List<String> needs = words.stream()
				.filter(word -> !word.equals(anchor.term()) && !word.equals(anchor.also())).toList();
			return new Proof(needs, unless);
		}

		private static boolean isStemmedWord(Condition part) {
			return part instanceof Word word && word.anchor().kind() == Anchor.Kind.STEM;
		}

		@Override
		public List<String> requiredStems() {
			return required.stream().flatMap(part -> part.requiredStems().stream()).distinct().toList();
		}

		@Override
		public Set<Anchor> anchors(ToIntFunction<Anchor> load) {
			if (!required.isEmpty()) {
				if (required.stream().anyMatch(part -> part.anchors(load).isEmpty())) {
					return Set.of();
				}
				Set<Anchor> pair = pair(requiredStems());
				if (!pair.isEmpty()) {
					return pair;
				}
				// Any one required part's anchors will do; each must be there. One that can match nothing makes
				// the whole match nothing.
				Set<Anchor> best = null;
				long bestLoad = Long.MAX_VALUE;
				for (Condition part : required) {
					Set<Anchor> anchors = part.anchors(load);
					if (anchors.isEmpty()) {
						return Set.of();
					}
					long total = anchors.stream().mapToLong(load::applyAsInt).sum();
					if (total < bestLoad) {
						best = anchors;
						bestLoad = total;
					}
				}
				return best;
			}
			Set<Anchor> any = new LinkedHashSet<>();
			optional.forEach(part -> any.addAll(part.anchors(load)));
			return any;
		}

	}

}
