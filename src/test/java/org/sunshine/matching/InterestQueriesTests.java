package org.sunshine.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sunshine.language.InterestSyntaxException;

/**
 * Interests in the interest language compiled to the Lucene queries that say what they mean, matched against agenda
 * text as Lucene matches it and, always with the same answer, as alerts and search decide it ({@link Condition});
 * the words each match names; alias groups and their file.
 */
class InterestQueriesTests {

	@TempDir
	Path directory;

	@ParameterizedTest(name = "{0} in \"{1}\": {2}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			stormwater                  | Stormwater utility fee                 | true
			IMMIGRATION                 | Update on immigration enforcement      | true
			immigrations                | Update on immigration enforcement      | true
			inmigración                 | Informe sobre inmigracion y la policia | true
			inmigración                 | Las inmigraciones recientes            | true
			ordenanzas                  | Primera lectura de la ordenanza        | true
			fees                        | Stormwater utility fee increase        | true
			tax                         | Taxes and assessments for 2026         | true
			committees                  | Report of the budget committee         | true
			employee                    | Contract for city employees            | true
			287g                        | Renewal of the 287 (g) agreement       | true
			287 (g)                     | Renewal of the 287g agreement          | true
			`"public safety"`           | Report of the public safety committee  | true
			`"public safety"`           | Public works report on building safety | false
			annex*                      | Annexation of Stock Island             | true
			annex*                      | The annual report                      | false
			ordinance*                  | Ordinances of 2025                     | true
			police OR sheriff           | The Sheriff's office budget            | true
			police AND sheriff          | The Sheriff's office budget            | false
			police sheriff              | Police and sheriff patrols             | true
			police -fire                | Police and fire pensions               | false
			police -fire                | Police station repairs                 | true
			`police NOT "fire station"` | Police at the fire station             | false
			`police NOT "fire station"` | Police station next to the fire house  | true
			(police OR sheriff) budget  | Sheriff budget amendment               | true
			(police OR sheriff) budget  | Sheriff annual report                  | false
			`"task force" AND (police OR sheriff)` | The police task force        | true
			""")
	void matchesAsTheLanguageSays(String interest, String text, boolean matches) {
		InterestQueries queries = new InterestQueries(new AliasGroups(directory.resolve("none.yml")));

		assertThat(matches(queries.strict(interest), text)).isEqualTo(matches);
	}

	@Test
	void namesTheWordsThatMatchedAndNotThoseExcluded() {
		InterestQueries queries = new InterestQueries(new AliasGroups(directory.resolve("none.yml")));
		InterestQuery query = queries.strict("(police OR sheriff OR \"task force\") -fire OR annex*");
		String text = "The sheriff's task force on annexation";

		assertThat(matches(query, text)).isTrue();
		assertThat(query.wordsIn(TermAnalysis.tokens(text))).containsExactly("sheriff", "task force", "annex");
		assertThat(Snippets.find(text, TermAnalysis.tokens(text), query.leavesIn(TermAnalysis.tokens(text))))
			.hasValueSatisfying(snippet -> assertThat(snippet.hit()).isEqualTo("sheriff's"));
	}

	@Test
	void followingAnyMemberOfAnAliasGroupFollowsTheGroupAndTheAlertNamesTheAlias() throws IOException {
		Path file = aliases("""
				aliases:
				  - ["287(g)", "Immigration and Customs Enforcement", ICE, "task force model"]
				  - [stormwater, "storm water", drainage]
				""");
		InterestQueries queries = new InterestQueries(new AliasGroups(file));
		String enforcement = "Agreement with U.S. Immigration and Customs Enforcement on detainers";
		String statute = "Renewal of the 287 (g) agreement";

		assertThat(matches(queries.strict("287g"), enforcement)).isTrue();
		assertThat(words(queries.strict("287g"), enforcement))
			.containsExactly("Immigration and Customs Enforcement (≈ 287g)");
		assertThat(words(queries.strict("287g"), statute)).containsExactly("287g");
		assertThat(words(queries.strict("ice"), statute)).containsExactly("287(g) (≈ ice)");
		assertThat(matches(queries.strict("drainage -ICE"), "Storm water pumps")).isTrue();
		assertThat(matches(queries.strict("drainage -ICE"), "Storm water pumps at the 287(g) site")).isFalse();
		assertThat(matches(queries.strict("\"storm water\""), "Drainage improvements")).isTrue();
		assertThat(matches(queries.strict("water"), "Drainage improvements")).isFalse();
	}

	@Test
	void anEditedAliasFileIsTakenInAndABadEditRefusedKeepingTheLastGoodGroups() throws IOException {
		Path file = aliases("aliases:\n  - [stormwater, drainage]\n");
		AliasGroups groups = new AliasGroups(file);
		InterestQueries queries = new InterestQueries(groups);
		long version = queries.version();
		assertThat(matches(queries.strict("stormwater"), "Seawall repair")).isFalse();

		aliases("aliases:\n  - [stormwater, drainage, seawall]\n");
		assertThat(matches(queries.strict("stormwater"), "Seawall repair")).isTrue();
		assertThat(queries.version()).isNotEqualTo(version);
		long good = queries.version();

		aliases("aliases:\n  - [stormwater]\n  - [flooding, drainage]\n  - [king tide, Drainages]\n  - x\n");
		assertThat(matches(queries.strict("stormwater"), "Seawall repair")).isTrue();
		assertThat(queries.version()).isEqualTo(good);
		assertThat(groups.lastError()).contains(file.toString() + " is invalid")
			.contains("group 1: a group is a list of at least two words or phrases")
			.contains("group 3, member 2 ('Drainages'): already in group 2, member 2")
			.contains("group 4: a group is a list");

		aliases("aliases: [stormwater, \"drainage\n");
		groups.current();
		assertThat(groups.lastError()).contains("not valid YAML at line");
		assertThat(matches(queries.strict("stormwater"), "Seawall repair")).isTrue();
	}

	@Test
	void anInvalidAliasFileStopsTheStart() throws IOException {
		Path file = aliases("groups:\n  - [a, b]\n");

		assertThatThrownBy(() -> new AliasGroups(file)).hasMessageContaining("expected only a top-level 'aliases:' list");
	}

	@Test
	void aStoredInterestThatDoesNotParseKeepsMatchingAsAPhraseButANewOneIsRefused() {
		InterestQueries queries = new InterestQueries(new AliasGroups(directory.resolve("none.yml")));

		assertThat(matches(queries.stored("police (fire"), "Police fire station")).isTrue();
		assertThat(matches(queries.stored("police (fire"), "Fire police station")).isFalse();
		assertThatThrownBy(() -> queries.strict("police (fire")).isInstanceOf(InterestSyntaxException.class);
	}

	private Path aliases(String yaml) throws IOException {
		Path file = directory.resolve("aliases.yml");
		Files.writeString(file, yaml);
		return file;
	}

	/** Lucene's answer, which the condition that alerts and search use must give too. */
	private static boolean matches(InterestQuery query, String text) {
		boolean lucene = TermAnalysis.memoryIndex(text).search(query.query()) > 0.0f;
		assertThat(query.matches(AnalysedText.of(text))).as("the condition of %s on \"%s\" agrees with Lucene",
				query.text(), text).isEqualTo(lucene);
		return lucene;
	}

	private static List<String> words(InterestQuery query, String text) {
		return query.wordsIn(TermAnalysis.tokens(text));
	}

}
