package org.sunshine.feed.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedCatalogueTests {

	static final String GOOD = """
			feeds:
			  - id: key-west
			    name: City of Key West
			    type: legistar
			    url: https://webapi.legistar.com/v1/keywest
			    timezone: America/New_York
			    every: 15m
			    bodies: [City Commission]
			  - id: glwa
			    name: Great Lakes Water Authority
			    type: ical
			    url: https://www.glwater.org/events/?ical=1
			    timezone: America/Detroit
			    cron: "0 0/30 * * * ?"
			""";

	@Test
	void readsTheDocumentedFormat() {
		List<FeedDefinition> feeds = FeedCatalogueParser.parse(GOOD, "feeds.yml");
		assertThat(feeds).hasSize(2);
		FeedDefinition keyWest = feeds.get(0);
		assertThat(keyWest.type()).isEqualTo(FeedType.LEGISTAR);
		assertThat(keyWest.timezone()).isEqualTo(ZoneId.of("America/New_York"));
		assertThat(keyWest.every()).isEqualTo(Duration.ofMinutes(15));
		assertThat(keyWest.includesBody("city commission")).isTrue();
		assertThat(keyWest.includesBody("Planning Board")).isFalse();
		assertThat(feeds.get(1).cron()).isEqualTo("0 0/30 * * * ?");
	}

	@Test
	void documentsAreReadByDefaultAndEachFeedMayTurnThemOffOrCapTheirSize() {
		List<FeedDefinition> feeds = FeedCatalogueParser.parse(GOOD.replace("    bodies: [City Commission]\n",
				"    bodies: [City Commission]\n    documents: false\n    max-document-size: 5MB\n"), "feeds.yml");
		assertThat(feeds.get(0).documents()).isFalse();
		assertThat(feeds.get(0).maxDocumentSize()).isEqualTo(5L * 1024 * 1024);
		assertThat(feeds.get(1).documents()).isTrue();
		assertThat(feeds.get(1).maxDocumentSize()).isNull();
	}

	@Test
	void refusesDocumentSettingsThatAreNotABooleanOrASize() {
		assertProblem(GOOD.replace("    every: 15m\n", "    every: 15m\n    documents: sometimes\n"),
				"feed 'key-west': field 'documents': must be true or false, was 'sometimes'");
		assertProblem(GOOD.replace("    every: 15m\n", "    every: 15m\n    max-document-size: huge\n"),
				"feed 'key-west': field 'max-document-size': not a size: 'huge'");
	}

	@Test
	void aFeedMayAllowItsSourceToLeadToPrivateAddressesAndNoneDoesByDefault() {
		List<FeedDefinition> feeds = FeedCatalogueParser.parse(GOOD.replace("    bodies: [City Commission]\n",
				"    bodies: [City Commission]\n    allow-private: true\n"), "feeds.yml");

		assertThat(feeds.get(0).allowPrivate()).isTrue();
		assertThat(feeds.get(0).reach().allowPrivate()).isTrue();
		assertThat(feeds.get(1).allowPrivate()).isFalse();
		assertProblem(GOOD.replace("    every: 15m\n", "    every: 15m\n    allow-private: intranet\n"),
				"feed 'key-west': field 'allow-private': must be true or false, was 'intranet'");
	}

	@Test
	void shippedCatalogueIsValid() throws Exception {
		List<FeedDefinition> feeds = FeedCatalogueParser.parse(Files.readString(Path.of("config/feeds.yml")), "config/feeds.yml");
		assertThat(feeds).extracting(FeedDefinition::id).contains("key-west");
	}

	@Test
	void refusesUnknownTypeNamingFeedAndField() {
		assertProblem(GOOD.replace("type: legistar", "type: novusagenda"), "feed 'key-west': field 'type': unknown type 'novusagenda'");
	}

	@Test
	void refusesHtmlUntilThereIsAReaderForIt() {
		assertProblem(GOOD.replace("type: ical", "type: html"), "feed 'glwa': field 'type': html agenda pages are not supported yet");
	}

	@Test
	void refusesBadUrlNamingFeedAndField() {
		assertProblem(GOOD.replace("https://webapi.legistar.com/v1/keywest", "webapi.legistar.com/v1/keywest"),
				"feed 'key-west': field 'url'");
		assertProblem(GOOD.replace("https://webapi.legistar.com/v1/keywest", "ftp://example.org/x"), "feed 'key-west': field 'url'");
	}

	@Test
	void refusesUnknownTimeZoneNamingFeedAndField() {
		assertProblem(GOOD.replace("America/Detroit", "America/Key_West"),
				"feed 'glwa': field 'timezone': unknown IANA time zone 'America/Key_West'");
	}

	@Test
	void refusesDuplicateIds() {
		assertProblem(GOOD.replace("id: glwa", "id: key-west"), "feed 'key-west': field 'id': duplicate id");
	}

	@Test
	void refusesMissingFieldsAndNamesEachOne() {
		String yaml = GOOD.replace("    name: City of Key West\n", "").replace("    every: 15m\n", "");
		assertThatThrownBy(() -> FeedCatalogueParser.parse(yaml, "feeds.yml"))
			.isInstanceOfSatisfying(InvalidFeedCatalogueException.class, e -> assertThat(e.problems())
				.contains("feed 'key-west': field 'name': missing")
				.anyMatch(problem -> problem.startsWith("feed 'key-west': field 'every'")));
	}

	@Test
	void refusesBadScheduleIdAndTypos() {
		assertProblem(GOOD.replace("every: 15m", "every: soon"), "feed 'key-west': field 'every': not a duration");
		assertProblem(GOOD.replace("\"0 0/30 * * * ?\"", "\"every half hour\""), "feed 'glwa': field 'cron'");
		assertProblem(GOOD.replace("id: glwa", "id: GLWA Feed"), "field 'id': must match [a-z0-9-]+");
		assertProblem(GOOD.replace("timezone: America/New_York", "timezone: America/New_York\n    timzone: x"),
				"feed 'key-west': field 'timzone': unknown field");
	}

	@Test
	void refusesSomethingThatIsNotACatalogue() {
		assertProblem("feeds: [", "not valid YAML");
		assertProblem("- just\n- a list\n", "expected a top-level 'feeds:' list");
	}

	@Test
	void aYamlSyntaxErrorNamesItsLineAndColumn() {
		// Line 4 of the file: "type" indented one space less than its siblings.
		assertProblem(GOOD.replace("    type: legistar", "   type: legistar"), "not valid YAML at line 4, column 4: ");
		assertProblem(GOOD.replace("bodies: [City Commission]", "bodies: [City Commission"), "not valid YAML at line ");
	}

	@Test
	void badEditIsRefusedAndTheLastGoodCatalogueKeepsRunning(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("feeds.yml");
		Files.writeString(file, GOOD);
		FeedCatalogue catalogue = new FeedCatalogue(file);
		assertThat(catalogue.feeds()).hasSize(2);

		Files.writeString(file, GOOD.replace("type: ical", "type: pdf"));
		assertThat(catalogue.reloadIfChanged()).isFalse();
		assertThat(catalogue.feeds()).hasSize(2);
		assertThat(catalogue.lastError()).contains("feed 'glwa': field 'type'");

		Files.writeString(file, GOOD.substring(0, GOOD.indexOf("  - id: glwa")));
		assertThat(catalogue.reloadIfChanged()).isTrue();
		assertThat(catalogue.feeds()).extracting(FeedDefinition::id).containsExactly("key-west");
		assertThat(catalogue.lastError()).isNull();
		assertThat(catalogue.reloadIfChanged()).isFalse();
	}

	@Test
	void invalidCatalogueAtStartIsRefused(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("feeds.yml");
		Files.writeString(file, GOOD.replace("America/New_York", "Eastern"));
		assertThatThrownBy(() -> new FeedCatalogue(file)).isInstanceOf(InvalidFeedCatalogueException.class)
			.hasMessageContaining("feed 'key-west': field 'timezone'");
	}

	private static void assertProblem(String yaml, String expected) {
		assertThatThrownBy(() -> FeedCatalogueParser.parse(yaml, "feeds.yml"))
			.isInstanceOf(InvalidFeedCatalogueException.class)
			.hasMessageContaining(expected);
	}

}
