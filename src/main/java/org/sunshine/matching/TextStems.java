package org.sunshine.matching;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One text's stemmed words by the {@link AnchorIndex}'s numbers for them (those no filed query names are left out,
 * -1 among the tokens): distinct, in the order of the tokens, and as a bit per number. Reused from one text to the
 * next, under the index's lock.
 */
final class TextStems {

	private int[] numbers = new int[64];

	private int count;

	/** Each token's word's number, or -1. */
	private int[] tokens = new int[0];

	private long[] held = new long[16];

	void read(AnalysedText text, Map<String, Integer> stemNumbers) {
		clear();
		List<TermAnalysis.Token> words = text.tokens();
		tokens = new int[words.size()];
		held = held.length * 64 >= stemNumbers.size() ? held
				: Arrays.copyOf(held, Math.max((stemNumbers.size() + 63) >>> 6, held.length * 2));
		for (int i = 0; i < tokens.length; i++) {
			Integer number = stemNumbers.get(words.get(i).term());
			tokens[i] = number == null ? -1 : number;
			if (number != null && !holds(number)) {
				held[number >>> 6] |= 1L << number;
				if (count == numbers.length) {
					numbers = Arrays.copyOf(numbers, count * 2);
				}
				numbers[count++] = number;
			}
		}
	}

	/** How many distinct words the index knows. */
	int count() {
		return count;
	}

	/** The {@code i}th distinct word's number. */
	int number(int i) {
		return numbers[i];
	}

	int tokenCount() {
		return tokens.length;
	}

	/** The {@code i}th token's word's number, -1 for a word the index does not know. */
	int token(int i) {
		return tokens[i];
	}

	boolean holds(int number) {
		return (held[number >>> 6] & 1L << number) != 0;
	}

	private void clear() {
		for (int i = 0; i < count; i++) {
			held[numbers[i] >>> 6] = 0L;
		}
		count = 0;
	}

}
