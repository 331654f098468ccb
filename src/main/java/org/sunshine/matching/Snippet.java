package org.sunshine.matching;

/** A stretch of agenda text around matched words: {@code before}, the {@code hit} itself, {@code after}. */
public record Snippet(String before, String hit, String after) {

	@Override
	public String toString() {
		return before + hit + after;
	}

}
