package org.sunshine.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the {@link AnchorIndex} files under one anchor: the queries it proves, by number; those it proves where the
 * text holds some other words too, by number and those words; and those to compare with the text.
 */
final class FiledQueries {

	private final QueryOrdinals proven = new QueryOrdinals();

	private final ProvenIfAlso provenIfAlso = new ProvenIfAlso();

	private final List<StoredQuery> compared = new ArrayList<>(1);

	QueryOrdinals proven() {
		return proven;
	}

	ProvenIfAlso provenIfAlso() {
		return provenIfAlso;
	}

	List<StoredQuery> compared() {
		return compared;
	}

	/** How many queries are filed here, however. */
	int size() {
		return proven.size() + provenIfAlso.size() + compared.size();
	}

	boolean isEmpty() {
		return size() == 0;
	}

	/**
	 * Query numbers, each with the numbers of the stemmed words a text must also hold ({@code police fire station}
	 * under the pair "station", "police": "fire").
	 */
	static final class ProvenIfAlso {

		private int[] ordinals = new int[1];

		private int[][] needs = new int[1][];

		private int size;

		int size() {
			return size;
		}

		void add(int ordinal, int[] words) {
			if (size == ordinals.length) {
				ordinals = Arrays.copyOf(ordinals, size * 2);
				needs = Arrays.copyOf(needs, size * 2);
			}
			ordinals[size] = ordinal;
			needs[size++] = words;
		}

		void remove(int ordinal) {
			for (int i = 0; i < size; i++) {
				if (ordinals[i] == ordinal) {
					size--;
					ordinals[i] = ordinals[size];
					needs[i] = needs[size];
					needs[size] = null;
					return;
				}
			}
		}

		void markIn(MarkedQueries marked, TextStems text) {
			for (int i = 0; i < size; i++) {
				if (holdsAll(text, needs[i])) {
					marked.mark(ordinals[i]);
				}
			}
		}

		private static boolean holdsAll(TextStems text, int[] words) {
			for (int word : words) {
				if (!text.holds(word)) {
					return false;
				}
			}
			return true;
		}

	}

}
