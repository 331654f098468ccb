package org.sunshine.matching;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The index's term → query map: each distinct query filed under its anchors (a word under the word, a phrase
 * under two of its words side by side, an AND of words under a pair of them, an OR under each branch's, an AND
 * under one required part's, a prefix under the prefix). A text is compared only with the queries filed under its
 * words, its neighbouring words and their beginnings.
 * <p>
 * Most queries need no comparing at all: a text that holds "stormwater" matches the query {@code stormwater}, and
 * one that holds both words of {@code budget amendment} matches it. Such a query is filed under that anchor as
 * <em>proven</em>, by its number alone, and a match only marks it ({@link MarkedQueries}); with a million interests
 * a text hits thousands of queries, and touching each one's object was most of the time. A phrase of two words is
 * proven by the two side by side. What the anchor proves unless some word is there too ({@code budget -hearing})
 * is proven as well, and that word's <em>veto</em> takes it out again; an AND of three words is proven under two
 * of them where the text holds the third. The rest (phrases of three words, what mixes other forms) is compared
 * with the text.
 * <p>
 * Stemmed words are known by number here ({@link #stemNumbers}): a text's words are looked up once, and every pair,
 * neighbour, needed word and veto after that is an array read or a bit, not a hash look-up of a string.
 */
final class AnchorIndex {

	/**
	 * Every stemmed word a filed query names (as an anchor, a word it needs, a veto), numbered in the order first
	 * seen. Words are not forgotten when their queries go: there are only so many words.
	 */
	private final Map<String, Integer> stemNumbers = new HashMap<>();

	/** What is filed under each stemmed word, by its number. */
	private Stem[] stems = new Stem[1024];

	private final Map<String, FiledQueries> exact = new HashMap<>();

	/**
	 * Prefixes by their first {@value #PREFIX_START} letters (the whole prefix when shorter), so that a word looks up
	 * one bucket of them rather than each of its beginnings.
	 */
	private final Map<String, Map<String, FiledQueries>> prefixes = new HashMap<>();

	private static final int PREFIX_START = 3;

	/** How many prefixes of each length shorter than {@link #PREFIX_START} are filed: a word's are looked up if any. */
	private final int[] shortPrefixes = new int[PREFIX_START];

	/** Each filed query by its number; numbers freed by removed queries are given out again. */
	private StoredQuery[] byOrdinal = new StoredQuery[1024];

	/**
	 * A copy of {@link #byOrdinal} never changed again, taken at the first look after a change: a look's hits are
	 * numbers into it, so they stay right whatever changes after the look.
	 */
	private StoredQuery[] published = byOrdinal.clone();

	private boolean changed;

	private final QueryOrdinals free = new QueryOrdinals();

	private int nextOrdinal;

	/** The queries one look has found so far. Only under the index's lock, like the rest. */
	private final MarkedQueries matched = new MarkedQueries();

	/** The stemmed words of the text one look is at. */
	private final TextStems text = new TextStems();

	/** Counts the looks, to mark which queries a look has compared ({@link StoredQuery#comparedBefore}). */
	private long looks;

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
			FiledQueries under = filed(anchor, true);
			Condition.Proof proof = query.condition().proof(anchor);
			if (proof == null) {
				under.compared().add(query);
			}
			else if (proof.needs().isEmpty()) {
				under.proven().add(ordinal);
			}
			else {
				under.provenIfAlso().add(ordinal, proof.needs().stream().mapToInt(this::number).toArray());
			}
			if (proof != null) {
				vetoedBy.addAll(proof.unless());
			}
		}
		vetoedBy.forEach(word -> stem(number(word)).vetoes().add(ordinal));
	}

	void remove(StoredQuery query) {
		int ordinal = query.ordinal();
		Set<String> vetoedBy = new HashSet<>();
		for (Condition.Anchor anchor : query.anchors()) {
			// Filed as it was when added: whether an anchor proves a query depends on the two of them only.
			Condition.Proof proof = query.condition().proof(anchor);
			if (proof != null) {
				vetoedBy.addAll(proof.unless());
			}
			FiledQueries under = filed(anchor, false);
			if (under == null) {
				continue;
			}
			if (proof == null) {
				under.compared().remove(query);
			}
			else if (proof.needs().isEmpty()) {
				under.proven().remove(ordinal);
			}
			else {
				under.provenIfAlso().remove(ordinal);
			}
			if (under.isEmpty()) {
				unfile(anchor);
			}
		}
		for (String word : vetoedBy) {
			Stem stem = stems[stemNumbers.get(word)];
			if (stem != null && stem.vetoes != null) {
				stem.vetoes.remove(ordinal);
			}
		}
		byOrdinal[ordinal] = null;
		changed = true;
		free.add(ordinal);
		query.fileUnder(Set.of(), -1);
	}

	/**
	 * The queries that match the text, each once, in no particular order. Not thread-safe: the index calls it under
	 * its lock; the list it returns may be read by any thread.
	 */
	List<StoredQuery> matches(AnalysedText analysed) {
		long look = ++looks;
		matched.clear();
		text.read(analysed, stemNumbers);
		for (int i = 0; i < text.count(); i++) {
			Stem stem = stems[text.number(i)];
			if (stem == null) {
				continue;
			}
			visit(stem.alone, analysed, look);
			if (stem.pairs != null) {
				visitPairs(stem.pairs, analysed, look);
			}
		}
		for (int i = 1; i < text.tokenCount(); i++) {
			int first = text.token(i - 1);
			Stem stem = first < 0 ? null : stems[first];
			if (stem != null && stem.adjacent != null && text.token(i) >= 0) {
				visit(stem.adjacent.get(text.token(i)), analysed, look);
			}
		}
		for (String word : analysed.exactWords()) {
			visit(exact.get(word), analysed, look);
			if (!prefixes.isEmpty()) {
				visitPrefixes(word, analysed, look);
			}
		}
		for (int i = 0; i < text.count(); i++) {
			Stem stem = stems[text.number(i)];
			if (stem != null && stem.vetoes != null) {
				stem.vetoes.unmarkIn(matched);
			}
		}
		if (changed) {
			published = byOrdinal.clone();
			changed = false;
		}
		return matched.queries(published);
	}

	/**
	 * The pairs filed under a word whose second word the text holds: each of them tested against the text's
	 * words where there are few, else each of the text's words looked for among them.
	 */
	private void visitPairs(Following pairs, AnalysedText analysed, long look) {
		if (pairs.size <= 4 * text.count()) {
			for (int i = 0; i < pairs.size; i++) {
				if (text.holds(pairs.seconds[i])) {
					visit(pairs.filed[i], analysed, look);
				}
			}
			return;
		}
		for (int i = 0; i < text.count(); i++) {
			visit(pairs.get(text.number(i)), analysed, look);
		}
	}

	private void visitPrefixes(String word, AnalysedText analysed, long look) {
		for (int length = 1; length <= Math.min(word.length(), PREFIX_START); length++) {
			if (length < PREFIX_START && shortPrefixes[length] == 0) {
				continue;
			}
			Map<String, FiledQueries> bucket = prefixes.get(word.substring(0, length));
			if (bucket != null) {
				for (Map.Entry<String, FiledQueries> prefix : bucket.entrySet()) {
					if (word.startsWith(prefix.getKey())) {
						visit(prefix.getValue(), analysed, look);
					}
				}
			}
		}
	}

	private void visit(FiledQueries under, AnalysedText analysed, long look) {
		if (under == null) {
			return;
		}
		under.proven().markIn(matched);
		under.provenIfAlso().markIn(matched, text);
		for (StoredQuery query : under.compared()) {
			if (!matched.has(query.ordinal()) && !query.comparedBefore(look) && query.condition().matches(analysed)) {
				matched.mark(query.ordinal());
			}
		}
	}

	/** Where the anchor's queries are filed; made if {@code create}, else null when there are none. */
	private FiledQueries filed(Condition.Anchor anchor, boolean create) {
		return switch (anchor.kind()) {
			case EXACT -> create ? exact.computeIfAbsent(anchor.term(), term -> new FiledQueries()) : exact.get(anchor.term());
			case PREFIX -> filedUnderPrefix(anchor.term(), create);
			case STEM, ADJACENT -> create ? fileUnderStem(anchor) : filedUnderStem(anchor);
		};
	}

	private FiledQueries filedUnderPrefix(String prefix, boolean create) {
		if (!create) {
			Map<String, FiledQueries> bucket = prefixes.get(prefixStart(prefix));
			return bucket == null ? null : bucket.get(prefix);
		}
		return prefixes.computeIfAbsent(prefixStart(prefix), start -> new HashMap<>()).computeIfAbsent(prefix, made -> {
			if (prefix.length() < PREFIX_START) {
				shortPrefixes[prefix.length()]++;
			}
			return new FiledQueries();
		});
	}

	private FiledQueries fileUnderStem(Condition.Anchor anchor) {
		Stem stem = stem(number(anchor.term()));
		return anchor.also() == null ? stem.alone() : stem.following(anchor.kind()).getOrAdd(number(anchor.also()));
	}

	private FiledQueries filedUnderStem(Condition.Anchor anchor) {
		Integer first = stemNumbers.get(anchor.term());
		Stem stem = first == null ? null : stems[first];
		if (stem == null || anchor.also() == null) {
			return stem == null ? null : stem.alone;
		}
		Following following = stem.followingIfAny(anchor.kind());
		Integer second = stemNumbers.get(anchor.also());
		return following == null || second == null ? null : following.get(second);
	}

	/** Drops the anchor's empty place. */
	private void unfile(Condition.Anchor anchor) {
		switch (anchor.kind()) {
			case EXACT -> exact.remove(anchor.term());
			case PREFIX -> {
				String prefix = anchor.term();
				Map<String, FiledQueries> bucket = prefixes.get(prefixStart(prefix));
				bucket.remove(prefix);
				if (bucket.isEmpty()) {
					prefixes.remove(prefixStart(prefix));
				}
				if (prefix.length() < PREFIX_START) {
					shortPrefixes[prefix.length()]--;
				}
			}
			case STEM, ADJACENT -> {
				Stem stem = stems[stemNumbers.get(anchor.term())];
				if (anchor.also() == null) {
					stem.alone = null;
				}
				else {
					Following following = stem.followingIfAny(anchor.kind());
					following.remove(stemNumbers.get(anchor.also()));
					if (following.size == 0) {
						stem.drop(anchor.kind());
					}
				}
			}
		}
	}

	private static String prefixStart(String prefix) {
		return prefix.length() <= PREFIX_START ? prefix : prefix.substring(0, PREFIX_START);
	}

	private int load(Condition.Anchor anchor) {
		FiledQueries under = filed(anchor, false);
		return under == null ? 0 : under.size();
	}

	private int number(String stem) {
		int number = stemNumbers.computeIfAbsent(stem, word -> stemNumbers.size());
		if (number >= stems.length) {
			stems = Arrays.copyOf(stems, Math.max(number + 1, stems.length * 2));
		}
		return number;
	}

	private Stem stem(int number) {
		if (stems[number] == null) {
			stems[number] = new Stem();
		}
		return stems[number];
	}

	/** What is filed under one stemmed word: alone, with a second word anywhere, with one next to it; its vetoes. */
	private static final class Stem {

		private FiledQueries alone;

		private Following pairs;

		private Following adjacent;

		private QueryOrdinals vetoes;

		QueryOrdinals vetoes() {
			if (vetoes == null) {
				vetoes = new QueryOrdinals();
			}
			return vetoes;
		}

		FiledQueries alone() {
			if (alone == null) {
				alone = new FiledQueries();
			}
			return alone;
		}

		/** The pairs ({@link Condition.Anchor.Kind#STEM}) or neighbours ({@code ADJACENT}) filed under it, made if none. */
		Following following(Condition.Anchor.Kind kind) {
			Following following = followingIfAny(kind);
			if (following == null) {
				following = new Following();
				set(kind, following);
			}
			return following;
		}

		Following followingIfAny(Condition.Anchor.Kind kind) {
			return kind == Condition.Anchor.Kind.ADJACENT ? adjacent : pairs;
		}

		void drop(Condition.Anchor.Kind kind) {
			set(kind, null);
		}

		private void set(Condition.Anchor.Kind kind, Following following) {
			if (kind == Condition.Anchor.Kind.ADJACENT) {
				adjacent = following;
			}
			else {
				pairs = following;
			}
		}

	}

	/** What is filed under a word with each second word, by the second word's number, in order. */
	private static final class Following {

		private int[] seconds = new int[1];

		private FiledQueries[] filed = new FiledQueries[1];

		private int size;

		FiledQueries get(int second) {
			int at = Arrays.binarySearch(seconds, 0, size, second);
			return at >= 0 ? filed[at] : null;
		}

		FiledQueries getOrAdd(int second) {
			int at = Arrays.binarySearch(seconds, 0, size, second);
			if (at >= 0) {
				return filed[at];
			}
			int insertion = -at - 1;
			if (size == seconds.length) {
				seconds = Arrays.copyOf(seconds, size * 2);
				filed = Arrays.copyOf(filed, size * 2);
			}
			System.arraycopy(seconds, insertion, seconds, insertion + 1, size - insertion);
			System.arraycopy(filed, insertion, filed, insertion + 1, size - insertion);
			seconds[insertion] = second;
			filed[insertion] = new FiledQueries();
			size++;
			return filed[insertion];
		}

		void remove(int second) {
			int at = Arrays.binarySearch(seconds, 0, size, second);
			if (at >= 0) {
				System.arraycopy(seconds, at + 1, seconds, at, size - at - 1);
				System.arraycopy(filed, at + 1, filed, at, size - at - 1);
				filed[--size] = null;
			}
		}

	}

}
