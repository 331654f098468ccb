package org.sunshine.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

/**
 * A text's tokens (what alerts and search decide on) hold the same words, stemmed and not, as Lucene's own chains
 * make of the whole text ({@link TermAnalysis#stems}, {@link TermAnalysis#exact}; the reference the matching
 * benchmark and {@link ConditionTests} hold conditions to), though each word is stemmed alone and remembered.
 */
class TermAnalysisTests {

	@Test
	void tokensStemEachWordAsTheStemmedChainDoesTheWholeText() throws IOException {
		List<String> texts = new ArrayList<>(ConditionTests.TEXTS);
		texts.addAll(List.of("The committees' fees and taxes; las inmigraciones, la policía", "Renewal of 287 (g) and 287(G)",
				"James’s and O'Brien's U.S. appeals", "ÉLECTIONS électorales", "covid-19 Covid-19 COVID19", "running runs ran"));
		// And every line the corpus's agenda platforms and feeds answered: real agenda text, with its accents,
		// numbers, punctuation and markup. Kept in the repository (every line of the non-PDF files of
		// ../shared/corpus, in path order, gzipped) so that a clone anywhere runs the test.
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(
				new GZIPInputStream(TermAnalysisTests.class.getResourceAsStream("corpus-lines.txt.gz")),
				StandardCharsets.UTF_8))) {
			lines.lines().forEach(texts::add);
		}
		for (String text : texts) {
			List<TermAnalysis.Token> tokens = TermAnalysis.tokens(text);
			assertThat(tokens.stream().map(TermAnalysis.Token::term).toList()).as(text).isEqualTo(TermAnalysis.stems(text));
			assertThat(tokens.stream().map(TermAnalysis.Token::exact).toList()).as(text).isEqualTo(TermAnalysis.exact(text));
		}
		assertThat(texts).hasSizeGreaterThan(100_000);
	}

}
