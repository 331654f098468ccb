package org.sunshine.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.LowerCaseFilterFactory;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilterFactory;
import org.apache.lucene.analysis.en.EnglishPossessiveFilterFactory;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilterFactory;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilterFactory;
import org.apache.lucene.analysis.standard.StandardTokenizerFactory;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * How agenda text and subscribers' terms are cut into comparable words. Statute-style references are
 * joined first, so "287(g)", "287 (g)" and "287g" are one word whichever way either side writes it;
 * case, accents ("inmigración"), possessives and plurals do not matter.
 */
final class TermAnalysis {

	static final Analyzer ANALYZER = build();

	private TermAnalysis() {
	}

	private static Analyzer build() {
		try {
			return CustomAnalyzer.builder()
				.addCharFilter(PatternReplaceCharFilterFactory.class, "pattern",
						"(\\d+)\\s*\\(\\s*([A-Za-z0-9]{1,3})\\s*\\)", "replacement", "$1$2")
				.withTokenizer(StandardTokenizerFactory.class)
				.addTokenFilter(EnglishPossessiveFilterFactory.class)
				.addTokenFilter(LowerCaseFilterFactory.class)
				.addTokenFilter(ASCIIFoldingFilterFactory.class)
				.addTokenFilter(EnglishMinimalStemFilterFactory.class)
				.build();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A word of a text with where it stands in the original text. */
	record Token(String term, int start, int end) {
	}

	static List<Token> tokens(String text) {
		List<Token> tokens = new ArrayList<>();
		try (TokenStream stream = ANALYZER.tokenStream("text", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
			}
			stream.end();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return tokens;
	}

}
