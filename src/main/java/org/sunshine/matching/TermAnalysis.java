package org.sunshine.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizerFactory;
import org.apache.lucene.analysis.core.LowerCaseFilterFactory;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilterFactory;
import org.apache.lucene.analysis.en.KStemFilterFactory;
import org.apache.lucene.analysis.es.SpanishLightStemFilterFactory;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilterFactory;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilterFactory;
import org.apache.lucene.analysis.standard.StandardTokenizerFactory;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.memory.MemoryIndex;

/**
 * How agenda text and subscribers' terms are cut into comparable words. Statute-style references are
 * joined first, so "287(g)", "287 (g)" and "287g" are one word whichever way either side writes it;
 * case, accents ("inmigración"), possessives, plurals and common English and Spanish endings do not matter
 * ({@link #FIELD}). Prefixes ({@code annex*}) compare with the words unstemmed ({@link #EXACT}), since a
 * stem may be shorter than the prefix a resident types.
 */
final class TermAnalysis {

	/** The words, stemmed. */
	static final String FIELD = "text";

	/** The words, folded but not stemmed. */
	static final String EXACT = "exact";

	private static final Analyzer STEMMED = build(true);

	private static final Analyzer UNSTEMMED = build(false);

	/** The stemmers of {@link #FIELD} alone, on one word already folded. */
	private static final Analyzer STEMMER = stemmer();

	/**
	 * Each folded word's stem, for {@link #tokens}. A stemmer looks at the word alone, and stemming was most of a
	 * text's analysis; agendas use the same few thousand words again and again.
	 */
	private static final Cache<String, String> STEMS = Caffeine.newBuilder().maximumSize(100_000).build();

	/** Indexes a text: {@link #FIELD} stemmed, {@link #EXACT} not. */
	static final Analyzer ANALYZER = new PerFieldAnalyzerWrapper(STEMMED, Map.of(EXACT, UNSTEMMED));

	private TermAnalysis() {
	}

	private static Analyzer build(boolean stemmed) {
		try {
			CustomAnalyzer.Builder builder = CustomAnalyzer.builder()
				.addCharFilter(PatternReplaceCharFilterFactory.class, "pattern",
						"(\\d+)\\s*\\(\\s*([A-Za-z0-9]{1,3})\\s*\\)", "replacement", "$1$2")
				.withTokenizer(StandardTokenizerFactory.class)
				.addTokenFilter(EnglishPossessiveFilterFactory.class)
				.addTokenFilter(LowerCaseFilterFactory.class)
				.addTokenFilter(ASCIIFoldingFilterFactory.class);
			return (stemmed ? withStemmers(builder) : builder).build();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Analyzer stemmer() {
		try {
			return withStemmers(CustomAnalyzer.builder().withTokenizer(KeywordTokenizerFactory.class)).build();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static CustomAnalyzer.Builder withStemmers(CustomAnalyzer.Builder builder) throws IOException {
		// English inflections first with Krovetz's light stemmer ("fees" → "fee", "taxes" → "tax", "committees" →
		// "committee": the minimal stemmer kept "fees" and "taxes" whole), then Spanish plurals and gender endings
		// of words of five letters or more ("inmigraciones" → "inmigracion").
		return builder.addTokenFilter(KStemFilterFactory.class).addTokenFilter(SpanishLightStemFilterFactory.class);
	}

	/** A word of a text, stemmed and not, with where it stands in the original text. */
	record Token(String term, String exact, int start, int end) {
	}

	/** The words of a text as {@link #exact} cuts them, each with its stem as {@link #stems} makes it. */
	static List<Token> tokens(String text) {
		List<Token> tokens = new ArrayList<>();
		try (TokenStream stream = UNSTEMMED.tokenStream(FIELD, text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				String exact = term.toString();
				tokens.add(new Token(STEMS.get(exact, TermAnalysis::stem), exact, offset.startOffset(), offset.endOffset()));
			}
			stream.end();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return tokens;
	}

	/** One folded word stemmed: the whole word is the stemmers' one token. */
	private static String stem(String word) {
		return terms(STEMMER, word).get(0);
	}

	/** A text's stemmed words. */
	static List<String> stems(String text) {
		return terms(STEMMED, text);
	}

	/** A text's words folded but not stemmed. */
	static List<String> exact(String text) {
		return terms(UNSTEMMED, text);
	}

	/**
	 * A text as Lucene itself matches it, one query at a time: the reference {@link Condition} is held to (tests
	 * and the matching benchmark).
	 */
	static MemoryIndex memoryIndex(String text) {
		MemoryIndex index = new MemoryIndex();
		index.addField(FIELD, text, ANALYZER);
		index.addField(EXACT, text, ANALYZER);
		return index;
	}

	private static List<String> terms(Analyzer analyzer, String text) {
		List<String> terms = new ArrayList<>();
		try (TokenStream stream = analyzer.tokenStream(FIELD, text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				terms.add(term.toString());
			}
			stream.end();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return terms;
	}

}
