package org.sunshine.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The condition alerts and search decide a text with gives Lucene's own answer (a MemoryIndex of the text), and
 * any text it matches holds one of the anchors the index files it under, so filing by anchors loses no match.
 */
class ConditionTests {

	@TempDir
	Path directory;

	static final List<String> TEXTS = List.of("Police and fire pensions", "The police pension budget", "Public safety budget", "Police station next to the fire house",
			"Police fire station", "Police at the fire station",
			"The police task force", "Annexation of Stock Island", "Covid-19 relief for the COVID-19 clinic",
			"Renewal of the 287 (g) agreement with ICE", "Storm water pumps, storm storm water", "The annual report",
			"Sheriff's budget: the sheriff budget amendment", "Informe sobre las inmigraciones y la policía",
			"Fire budget for the police", "Public safety committee report", "");

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			police
			`"fire station"`
			`"storm storm water"`
			`police pension`
			`police station -pension`
			`"public safety" budget`
			`"water storm"`
			annex*
			covid-1*
			`police -fire`
			`police NOT "fire station"`
			`(police OR sheriff) budget`
			`"task force" AND (police OR sheriff)`
			`287g OR annex* -report`
			inmigración
			-police
			`police (fire`
			""")
	void decidesAsLuceneAndATextItMatchesHoldsAnAnchor(String interest) {
		InterestQueries queries = new InterestQueries(new AliasGroups(directory.resolve("none.yml")));
		InterestQuery query = queries.stored(interest);
		Set<Condition.Anchor> anchors = query.condition().anchors(anchor -> 0);
		int matched = 0;
		for (String text : TEXTS) {
			boolean lucene = !text.isEmpty() && TermAnalysis.memoryIndex(text).search(query.query()) > 0.0f;
			AnalysedText analysed = AnalysedText.of(text);
			assertThat(query.matches(analysed)).as("%s on \"%s\"", interest, text).isEqualTo(lucene);
			if (lucene) {
				matched++;
				assertThat(anchors).as("anchors of %s in \"%s\"", interest, text).anySatisfy(anchor -> {
					if (anchor.kind() == Condition.Anchor.Kind.ADJACENT) {
						assertThat(sideBySide(analysed, anchor.term(), anchor.also())).isTrue();
						return;
					}
					Set<String> words = new HashSet<>(anchor.kind() == Condition.Anchor.Kind.STEM ? analysed.stems()
							: analysed.exactWords());
					assertThat(anchor.kind() == Condition.Anchor.Kind.PREFIX
							? words.stream().anyMatch(word -> word.startsWith(anchor.term()))
							: words.contains(anchor.term()) && (anchor.also() == null || words.contains(anchor.also())))
						.isTrue();
				});
			}
		}
		assertThat(matched > 0 || interest.startsWith("-") || interest.contains("water storm"))
			.as("%s is meant to match one of the texts", interest).isTrue();
	}

	@Test
	void aPhraseOrAnAndOfWordsIsFiledUnderTwoOfItsWordsAndAnAndWithAnOrUnderOnePart() {
		InterestQueries queries = new InterestQueries(new AliasGroups(directory.resolve("none.yml")));

		Set<Condition.Anchor> phrase = queries.stored("\"public safety committee\"").condition()
			.anchors(anchor -> 0);
		Set<Condition.Anchor> words = queries.stored("budget pension").condition().anchors(anchor -> 0);
		Set<Condition.Anchor> all = queries.stored("police AND (sheriff OR deputy)").condition()
			.anchors(anchor -> anchor.term().startsWith("polic") ? 100 : 1);
		Set<Condition.Anchor> nothing = Condition.of(new BooleanQuery.Builder()
			.add(new TermQuery(new Term(TermAnalysis.FIELD, "police")), Occur.MUST_NOT).build()).anchors(anchor -> 0);

		assertThat(phrase).containsExactly(new Condition.Anchor(Condition.Anchor.Kind.ADJACENT, "safety", "committe"));
		assertThat(words).containsExactly(new Condition.Anchor(Condition.Anchor.Kind.STEM, "pension", "budget"));
		assertThat(all).containsExactlyInAnyOrder(new Condition.Anchor(Condition.Anchor.Kind.STEM, "sheriff"),
				new Condition.Anchor(Condition.Anchor.Kind.STEM, "deputy"));
		assertThat(nothing).isEmpty();
	}

	private static boolean sideBySide(AnalysedText text, String first, String second) {
		List<TermAnalysis.Token> tokens = text.tokens();
		for (int i = 1; i < tokens.size(); i++) {
			if (tokens.get(i - 1).term().equals(first) && tokens.get(i).term().equals(second)) {
				return true;
			}
		}
		return false;
	}

}
