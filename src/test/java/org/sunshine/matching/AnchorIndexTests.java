package org.sunshine.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anchor index finds exactly the queries Lucene itself would match on each text, whether a query is proven by
 * its anchor alone (a word, both words of an AND, a branch of an OR), proven unless a vetoing word is there
 * ({@code police -fire}), or compared with the text (a phrase, an AND of three words); and stays exact as queries
 * are removed and their numbers given to others.
 */
class AnchorIndexTests {

	@TempDir
	Path directory;

	InterestQueries compiler;

	final AnchorIndex index = new AnchorIndex();

	final Map<String, StoredQuery> filed = new LinkedHashMap<>();

	@BeforeEach
	void setUp() {
		compiler = new InterestQueries(new AliasGroups(directory.resolve("none.yml")));
	}

	@Test
	void eachFormIsProvenVetoedOrComparedAsItShouldBe() {
		assertThat(proof("police")).isEqualTo(Condition.Proof.OUTRIGHT);
		assertThat(proof("police pension")).isEqualTo(Condition.Proof.OUTRIGHT);
		assertThat(proof("police OR sheriff")).isEqualTo(Condition.Proof.OUTRIGHT);
		assertThat(proof("annex*")).isEqualTo(Condition.Proof.OUTRIGHT);
		assertThat(proof("\"fire station\"")).isEqualTo(Condition.Proof.OUTRIGHT);
		assertThat(proof("\"storm water\" OR stormwater")).isEqualTo(Condition.Proof.OUTRIGHT);
		assertThat(proof("police -fire")).isEqualTo(new Condition.Proof(List.of(), Set.of("fire")));
		assertThat(proof("budget -sheriff -amendment").unless()).containsExactlyInAnyOrder("sheriff", "amendment");
		// Under the pair of its longest words, "station" and "police": proven where "fire" is there too.
		assertThat(proof("police fire station")).isEqualTo(new Condition.Proof(List.of("fire"), Set.of()));
		assertThat(proof("police fire station -pension"))
			.isEqualTo(new Condition.Proof(List.of("fire"), Set.of("pension")));
		assertThat(proof("\"public safety committee\"")).isNull();
		assertThat(proof("police NOT \"fire station\"")).isNull();
		assertThat(proof("\"public safety\" budget")).isNull();
	}

	@Test
	void aPhraseIsFiledUnderTwoOfItsWordsSideBySide() {
		assertThat(compiler.stored("\"fire station\"").condition().anchors(anchor -> 0))
			.containsExactly(new Condition.Anchor(Condition.Anchor.Kind.ADJACENT, "fire", "station"));
		// Of a longer phrase's neighbours, the least loaded.
		assertThat(compiler.stored("\"public safety committee\"").condition()
			.anchors(anchor -> anchor.term().equals("public") ? 5 : 1))
			.containsExactly(new Condition.Anchor(Condition.Anchor.Kind.ADJACENT, "safety", "committe"));
	}

	@Test
	void findsWhatLuceneFindsAsQueriesComeAndGo() {
		List<String> interests = List.of("police", "\"fire station\"", "\"storm storm water\"", "police pension",
				"\"public safety committee\"", "police fire station -pension", "\"water storm\"", "budget police fire",
				"police station -pension", "\"public safety\" budget", "annex*", "covid-1*", "police -fire",
				"police NOT \"fire station\"", "(police OR sheriff) budget", "\"task force\" AND (police OR sheriff)",
				"287g OR annex* -report", "inmigración", "police OR fire", "(police OR fire) -pension",
				"police fire station", "budget -sheriff -amendment", "\"storm water\" OR stormwater", "fire", "annual",
				"sheriff amendment", "budget", "s*", "an*", "ann*", "annexation*", "pol* fire", "stor* -police");
		interests.forEach(this::file);
		assertSameAsLucene();

		// Numbers freed by removed queries go to new ones; the vetoes and proofs of the old ones must go with them.
		List.of("police -fire", "police", "(police OR fire) -pension", "budget -sheriff -amendment", "annex*",
				"\"fire station\"", "police fire station", "s*", "ann*")
			.forEach(this::unfile);
		assertSameAsLucene();
		List.of("pension -police", "station", "police", "annual report", "fire -budget", "\"station fire\"",
				"fire station police", "st*", "annual*").forEach(this::file);
		assertSameAsLucene();
	}

	private void assertSameAsLucene() {
		for (String text : ConditionTests.TEXTS) {
			AnalysedText analysed = AnalysedText.of(text);
			Set<String> found = new TreeSet<>();
			index.matches(analysed).forEach(query -> assertThat(found.add(query.key())).as("found once").isTrue());
			Set<String> lucene = new TreeSet<>();
			filed.forEach((key, query) -> {
				if (!text.isEmpty() && TermAnalysis.memoryIndex(text).search(compiler.stored(keyText(key)).query()) > 0) {
					lucene.add(key);
				}
			});
			assertThat(found).as(text).isEqualTo(lucene);
		}
	}

	private final Map<String, String> texts = new LinkedHashMap<>();

	private String keyText(String key) {
		return texts.get(key);
	}

	private void file(String interest) {
		InterestQuery query = compiler.stored(interest);
		String key = query.query().toString();
		StoredQuery stored = new StoredQuery(key, query.condition());
		stored.hold(new ArrayList<>());
		texts.put(key, interest);
		filed.put(key, stored);
		index.add(stored);
	}

	private void unfile(String interest) {
		String key = compiler.stored(interest).query().toString();
		index.remove(filed.remove(key));
	}

	private Condition.Proof proof(String interest) {
		Condition condition = compiler.stored(interest).condition();
		Set<Condition.Anchor> anchors = condition.anchors(anchor -> 0);
		assertThat(anchors).isNotEmpty();
		Condition.Proof proof = condition.proof(anchors.iterator().next());
		// Every anchor of a query decides alike, except where an OR mixes forms (not among these).
		anchors.forEach(anchor -> assertThat(condition.proof(anchor)).isEqualTo(proof));
		return proof;
	}

}
