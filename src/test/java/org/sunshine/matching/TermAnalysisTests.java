package org.sunshine.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
		// numbers, punctuation and markup.
		try (Stream<Path> files = Files.walk(Path.of("../shared/corpus"))) {
			for (Path file : files.filter(Files::isRegularFile).filter(path -> !path.toString().endsWith(".pdf")).sorted()
				.toList()) {
				Files.readString(file).lines().forEach(texts::add);
			}
		}
		for (String text : texts) {
			List<TermAnalysis.Token> tokens = TermAnalysis.tokens(text);
			assertThat(tokens.stream().map(TermAnalysis.Token::term).toList()).as(text).isEqualTo(TermAnalysis.stems(text));
			assertThat(tokens.stream().map(TermAnalysis.Token::exact).toList()).as(text).isEqualTo(TermAnalysis.exact(text));
		}
		assertThat(texts).hasSizeGreaterThan(100_000);
	}

}
