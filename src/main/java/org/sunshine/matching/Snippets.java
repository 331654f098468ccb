package org.sunshine.matching;

import java.util.List;
import java.util.Optional;

/** Finds a term in a text the way the index does, and cuts a short stretch of text around it. */
final class Snippets {

	private static final int CONTEXT = 70;

	private Snippets() {
	}

	static Optional<Snippet> find(String text, String term) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		List<TermAnalysis.Token> words = TermAnalysis.tokens(term);
		if (words.isEmpty()) {
			return Optional.empty();
		}
		List<TermAnalysis.Token> tokens = TermAnalysis.tokens(text);
		for (int i = 0; i + words.size() <= tokens.size(); i++) {
			if (startsAt(tokens, i, words)) {
				return Optional.of(cut(text, tokens.get(i).start(), tokens.get(i + words.size() - 1).end()));
			}
		}
		return Optional.empty();
	}

	private static boolean startsAt(List<TermAnalysis.Token> tokens, int index, List<TermAnalysis.Token> words) {
		for (int j = 0; j < words.size(); j++) {
			if (!tokens.get(index + j).term().equals(words.get(j).term())) {
				return false;
			}
		}
		return true;
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
