package org.sunshine.matching;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * The index's term → query map: each distinct query filed under its anchors (a word under the word, a phrase
 * or an AND of words under a pair of its words, an OR under each branch's, an AND under one required part's, a
 * prefix under the prefix). A text is compared only with the queries filed under its words and their beginnings.
 * <p>
 * Most queries need no comparing at all: a text that holds "stormwater" matches the query {@code stormwater}, and
 * one that holds both words of {@code budget amendment} matches it. Such a query is filed under that anchor as
 * <em>proven</em>, by its number alone, and a match only marks it in a bit set; with a million interests a text
 * hits thousands of queries, and touching each one's object was most of the time. What the anchor proves unless
 * some word is there too ({@code budget -hearing}) is proven as well, and that word's <em>veto</em> takes it out
 * again. The rest (phrases, an AND of three words, what mixes other forms) is compared with the text.
 */
final class AnchorIndex {

	private final Map<Condition.Anchor.Kind, Map<String, Filed>> filed = new EnumMap<>(Condition.Anchor.Kind.class);

	/** What needs two words, by one and then the other. */
	private final Map<String, Map<String, Filed>> pairs = new HashMap<>();

	/** Proven queries that a text holding this stemmed word does not match. */
	private final Map<String, Ordinals> vetoes = new HashMap<>();

	/** Each filed query by its number; numbers freed by removed queries are given out again. */
	private StoredQuery[] byOrdinal = new StoredQuery[1024];

	/**
	 * A copy of {@link #byOrdinal} never changed again, taken at the first look after a change: a look's hits are
	 * numbers into it, so they stay right whatever changes after the look.
	 */
	private StoredQuery[] published = byOrdinal.clone();

	private boolean changed;

	private final Ordinals free = new Ordinals();

	private int nextOrdinal;

	/** The queries one look has found so far, by number. Only under the index's lock, like the rest. */
	private final Matched matched = new Matched();

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
		int ordinal = free.size() > 0 ? free.removeLast() : nextOrdinal++;
		if (ordinal == byOrdinal.length) {
			byOrdinal = Arrays.copyOf(byOrdinal, byOrdinal.length * 2);
		}
		byOrdinal[ordinal] = query;
		changed = true;
		matched.cover(byOrdinal.length);
		query.fileUnder(query.condition().anchors(this::load), ordinal);
		Set<String> vetoedBy = new HashSet<>();
		for (Condition.Anchor anchor : query.anchors()) {
			Filed under = filedUnder(anchor).computeIfAbsent(anchor.also() == null ? anchor.term() : anchor.also(),
					term -> new Filed());
			Set<String> unless = query.condition().provenUnless(anchor);
			if (unless == null) {
				under.compared.add(query);
			}
			else {
				under.proven.add(ordinal);
				vetoedBy.addAll(unless);
			}
			if (anchor.kind() == Condition.Anchor.Kind.PREFIX) {
				longestPrefix = Math.max(longestPrefix, anchor.term().length());
			}
		}
		vetoedBy.forEach(stem -> vetoes.computeIfAbsent(stem, key -> new Ordinals()).add(ordinal));
	}

	void remove(StoredQuery query) {
		int ordinal = query.ordinal();
		Set<String> vetoedBy = new HashSet<>();
		for (Condition.Anchor anchor : query.anchors()) {
			// Filed as it was when added: whether an anchor proves a query depends on the two of them only.
			Set<String> unless = query.condition().provenUnless(anchor);
			if (unless != null) {
				vetoedBy.addAll(unless);
			}
			Map<String, Filed> byTerm = anchor.also() == null ? filed.get(anchor.kind()) : pairs.get(anchor.term());
			String key = anchor.also() == null ? anchor.term() : anchor.also();
			Filed under = byTerm == null ? null : byTerm.get(key);
			if (under == null) {
				continue;
			}
			if (unless == null) {
				under.compared.remove(query);
			}
			else {
				under.proven.remove(ordinal);
			}
			if (under.isEmpty()) {
				byTerm.remove(key);
				if (byTerm.isEmpty() && anchor.also() != null) {
					pairs.remove(anchor.term());
				}
			}
		}
		for (String stem : vetoedBy) {
			Ordinals vetoed = vetoes.get(stem);
			if (vetoed != null) {
				vetoed.remove(ordinal);
				if (vetoed.size() == 0) {
					vetoes.remove(stem);
				}
			}
		}
		byOrdinal[ordinal] = null;
		changed = true;
		free.add(ordinal);
		query.fileUnder(Set.of(), -1);
	}

	/**
	 * The queries that match the text, each once, in the order of their numbers. Not thread-safe: the index calls
	 * it under its lock; the list it returns may be read by any thread.
	 */
	List<StoredQuery> matches(AnalysedText text) {
		long look = ++looks;
		matched.clear();
		Map<String, Filed> stems = filed.get(Condition.Anchor.Kind.STEM);
		for (String stem : text.stems()) {
			visit(stems.get(stem), text, look);
			Map<String, Filed> withSecond = pairs.get(stem);
			if (withSecond != null) {
				for (String second : text.stems()) {
					// Pairs are filed in one order only: looking up the other would find nothing.
					if (Condition.Anchor.inPairOrder(stem, second)) {
						visit(withSecond.get(second), text, look);
					}
				}
			}
		}
		Map<String, Filed> exact = filed.get(Condition.Anchor.Kind.EXACT);
		Map<String, Filed> prefixes = filed.get(Condition.Anchor.Kind.PREFIX);
		for (String word : text.exactWords()) {
			visit(exact.get(word), text, look);
			if (!prefixes.isEmpty()) {
				for (int length = 1; length <= Math.min(word.length(), longestPrefix); length++) {
					visit(prefixes.get(word.substring(0, length)), text, look);
				}
			}
		}
		for (String stem : text.stems()) {
			Ordinals vetoed = vetoes.get(stem);
			if (vetoed != null) {
				vetoed.clearIn(matched);
			}
		}
		if (changed) {
			published = byOrdinal.clone();
			changed = false;
		}
		return matched.queries(published);
	}

	private void visit(Filed under, AnalysedText text, long look) {
		if (under == null) {
			return;
		}
		under.proven.setIn(matched);
		for (StoredQuery query : under.compared) {
			if (!matched.has(query.ordinal()) && !query.comparedBefore(look) && query.condition().matches(text)) {
				matched.set(query.ordinal());
			}
		}
	}

	private Map<String, Filed> filedUnder(Condition.Anchor anchor) {
		return anchor.also() == null ? filed.get(anchor.kind())
				: pairs.computeIfAbsent(anchor.term(), term -> new HashMap<>());
	}

	private int load(Condition.Anchor anchor) {
		Filed under = anchor.also() == null ? filed.get(anchor.kind()).get(anchor.term())
				: pairs.getOrDefault(anchor.term(), Map.of()).get(anchor.also());
		return under == null ? 0 : under.proven.size() + under.compared.size();
	}

	/** What is filed under one anchor: the queries it proves, by number, and those to compare with the text. */
	private static final class Filed {

		private final Ordinals proven = new Ordinals();

		private final List<StoredQuery> compared = new ArrayList<>(1);

		boolean isEmpty() {
			return proven.size() == 0 && compared.isEmpty();
		}

	}

	/** Query numbers in no order: a plain array, since a common word proves tens of thousands of queries. */
	private static final class Ordinals {

		private int[] values = new int[2];

		private int size;

		int size() {
			return size;
		}

		void add(int ordinal) {
			if (size == values.length) {
				values = Arrays.copyOf(values, size * 2);
			}
			values[size++] = ordinal;
		}

		int removeLast() {
			return values[--size];
		}

		/** Removes one occurrence, moving the last number into its place. */
		void remove(int ordinal) {
			for (int i = 0; i < size; i++) {
				if (values[i] == ordinal) {
					values[i] = values[--size];
					return;
				}
			}
		}

		void setIn(Matched bits) {
			for (int i = 0; i < size; i++) {
				bits.set(values[i]);
			}
		}

		void clearIn(Matched bits) {
			for (int i = 0; i < size; i++) {
				bits.clear(values[i]);
			}
		}

	}

	/**
	 * A bit per query number, cleared between looks only where a look set bits. A plain array rather than
	 * {@link java.util.BitSet}, whose checks on every bit were a tenth of a look at a million interests.
	 */
	private static final class Matched {

		private long[] words = new long[16];

		/** The range of words a look has touched since it was last cleared. */
		private int low = Integer.MAX_VALUE;

		private int high = -1;

		/** The numbers found by one look, gathered before their queries are. */
		private int[] found = new int[64];

		/** Makes room for numbers below {@code ordinals}. */
		void cover(int ordinals) {
			int needed = (ordinals + 63) >>> 6;
			if (needed > words.length) {
				words = Arrays.copyOf(words, Math.max(needed, words.length * 2));
			}
		}

		void clear() {
			if (high >= low) {
				Arrays.fill(words, low, high + 1, 0L);
			}
			low = Integer.MAX_VALUE;
			high = -1;
		}

		void set(int ordinal) {
			int word = ordinal >>> 6;
			words[word] |= 1L << ordinal;
			low = Math.min(low, word);
			high = Math.max(high, word);
		}

		void clear(int ordinal) {
			words[ordinal >>> 6] &= ~(1L << ordinal);
		}

		boolean has(int ordinal) {
			return (words[ordinal >>> 6] & 1L << ordinal) != 0;
		}

		/**
		 * The queries whose bits are set, as their numbers into {@code queries}: a text hits thousands of queries
		 * at a million interests, and fetching each one's reference for a list cost more than finding them all
		 * (whoever walks the hits fetches each anyway).
		 */
		List<StoredQuery> queries(StoredQuery[] queries) {
			int count = 0;
			for (int word = low; word <= high; word++) {
				for (long bits = words[word]; bits != 0; bits &= bits - 1) {
					if (count == found.length) {
						found = Arrays.copyOf(found, count * 2);
					}
					found[count++] = (word << 6) + Long.numberOfTrailingZeros(bits);
				}
			}
			return new Hits(Arrays.copyOf(found, count), queries);
		}

	}

	/** Queries by their numbers into an array that no longer changes. */
	private static final class Hits extends AbstractList<StoredQuery> implements RandomAccess {

		private final int[] ordinals;

		private final StoredQuery[] queries;

		Hits(int[] ordinals, StoredQuery[] queries) {
			this.ordinals = ordinals;
			this.queries = queries;
		}

		@Override
		public StoredQuery get(int index) {
			return queries[ordinals[index]];
		}

		@Override
		public int size() {
			return ordinals.length;
		}

	}

}
