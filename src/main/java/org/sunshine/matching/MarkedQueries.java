package org.sunshine.matching;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The queries one look of the {@link AnchorIndex} has found so far, by number: a bit per number, and every number
 * as it was marked. With a million interests a text hits thousands of queries, so marking is kept to a copy and a
 * bit: the numbers marked twice (an OR whose two branches are there) and those unmarked again (vetoed) are passed
 * over once, when the queries are handed out. Finding them instead in a bit set of every query cost a branch
 * mispredicted at every word of it. Not thread-safe: used under the index's lock.
 */
final class MarkedQueries {

	private long[] words = new long[16];

	/** Every number marked since the last {@link #queries}, as often as it was, including those unmarked since. */
	private int[] marked = new int[1024];

	private int count;

	/** Makes room for numbers below {@code ordinals}. */
	void cover(int ordinals) {
		int needed = (ordinals + 63) >>> 6;
		if (needed > words.length) {
			words = Arrays.copyOf(words, Math.max(needed, words.length * 2));
		}
	}

	/** Unmarks what a look left marked (one that failed half-way); nothing after {@link #queries}. */
	void clear() {
		for (int i = 0; i < count; i++) {
			words[marked[i] >>> 6] = 0L;
		}
		count = 0;
	}

	void mark(int ordinal) {
		room(1);
		marked[count++] = ordinal;
		words[ordinal >>> 6] |= 1L << ordinal;
	}

	/** Marks the first {@code size} of {@code ordinals}. */
	void markAll(int[] ordinals, int size) {
		room(size);
		System.arraycopy(ordinals, 0, marked, count, size);
		count += size;
		for (int i = 0; i < size; i++) {
			words[ordinals[i] >>> 6] |= 1L << ordinals[i];
		}
	}

	/** Unmarks one (a vetoed query). */
	void unmark(int ordinal) {
		words[ordinal >>> 6] &= ~(1L << ordinal);
	}

	boolean has(int ordinal) {
		return (words[ordinal >>> 6] & 1L << ordinal) != 0;
	}

	/**
	 * The marked queries, each once, as their numbers into {@code queries}, an array that must no longer change;
	 * unmarks them all for the next look.
	 */
	List<StoredQuery> queries(StoredQuery[] queries) {
		int[] found = new int[count];
		int size = 0;
		for (int i = 0; i < count; i++) {
			int ordinal = marked[i];
			int word = ordinal >>> 6;
			long bit = 1L << ordinal;
			long bits = words[word];
			// Taken once, without a branch: the bit is cleared as it is taken, and a slot is overwritten unless it was set.
			found[size] = ordinal;
			size += (int) ((bits & bit) >>> ordinal);
			words[word] = bits & ~bit;
		}
		count = 0;
		return new Hits(size == found.length ? found : Arrays.copyOf(found, size), queries);
	}

	private void room(int more) {
		if (count + more > marked.length) {
			marked = Arrays.copyOf(marked, Math.max(count + more, marked.length * 2));
		}
	}

	/**
	 * Queries by their numbers into an array that no longer changes: fetching each hit's reference for a list cost
	 * more than finding them all (whoever walks the hits fetches each anyway).
	 */
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
