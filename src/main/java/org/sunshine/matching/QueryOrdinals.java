package org.sunshine.matching;

import java.util.Arrays;

/** Query numbers in no order: a plain array, since a common word proves tens of thousands of queries. */
final class QueryOrdinals {

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

	void markIn(MarkedQueries marked) {
		marked.markAll(values, size);
	}

	void unmarkIn(MarkedQueries marked) {
		for (int i = 0; i < size; i++) {
			marked.unmark(values[i]);
		}
	}

}
