package org.sunshine.language;

import java.util.List;

/** What an interest says, as a tree; {@code position} is where the part starts in the text, from 1. */
public sealed interface Expression {

	int position();

	/** How a {@link Term} compares with text. */
	enum Kind {
		/** One word, in any of its forms. */
		WORD,
		/** Words standing together, in this order ("exact phrase"). */
		PHRASE,
		/** Any word starting so ({@code annex*}). */
		PREFIX
	}

	/** A word, phrase or prefix as the resident wrote it (without quotes or star). */
	record Term(String text, Kind kind, int position) implements Expression {
	}

	/** Every part must match ({@code a AND b}, {@code a b}). */
	record All(List<Expression> parts, int position) implements Expression {

		public All {
			parts = List.copyOf(parts);
		}

	}

	/** Any part may match ({@code a OR b}). */
	record Any(List<Expression> parts, int position) implements Expression {

		public Any {
			parts = List.copyOf(parts);
		}

	}

	/** The part must not be there ({@code -word}, {@code NOT word}); only beside something looked for. */
	record Not(Expression part, int position) implements Expression {
	}

}
