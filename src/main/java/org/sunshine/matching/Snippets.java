package org.sunshine.matching;

import java.util.List;
import java.util.Optional;

/** Finds what an interest looks for in a text the way the index does, and cuts a short stretch of text around it. */
final class Snippets {

	private static final int CONTEXT = 70;

	private Snippets() {
	}

	/** Around the first place in the text where one of the leaves stands. */
	static Optional<Snippet> find(String text, List<TermAnalysis.Token> tokens, List<Leaf> leaves) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		int bestStart = -1;
		int bestEnd = -1;
		for (Leaf leaf : leaves) {
			int index = leaf.indexIn(tokens);
			if (index >= 0 && (bestStart < 0 || tokens.get(index).start() < bestStart)) {
				bestStart = tokens.get(index).start();
				bestEnd = tokens.get(index + leaf.terms().size() - 1).end();
			}
		}
		return bestStart < 0 ? Optional.empty() : Optional.of(cut(text, bestStart, bestEnd));
	}

	private static Snippet cut(String text, int start, int end) {
		int from = Math.max(0, start - CONTEXT);
		int to = Math.min(text.length(), end + CONTEXT);
		// Cut at spaces so no word is shown in half.
		if (from > 0) {
			int space = text.indexOf(' ', from);
			from = space >= 0 && space < start ? space + 1 : from;
		}
		if (to < text.length()) {
			int space = text.lastIndexOf(' ', to);
			to = space > end ? space : to;
		}
		String before = (from > 0 ? "…" : "") + flat(text.substring(from, start));
		String after = flat(text.substring(end, to)) + (to < text.length() ? "…" : "");
		return new Snippet(before, flat(text.substring(start, end)), after);
	}

	private static String flat(String text) {
		return text.replaceAll("\\s+", " ");
	}

}
