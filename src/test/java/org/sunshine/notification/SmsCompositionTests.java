package org.sunshine.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sunshine.matching.Match;
import org.sunshine.matching.MatchedItem;
import org.sunshine.matching.Snippet;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Change;
import org.sunshine.meeting.ChangeKind;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingRevision;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.notification.channel.sms.SmsSegments;
import org.sunshine.subscription.Delivery;
import org.sunshine.subscription.Recipient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every SMS template, in every language, for every change kind, with the longest titles, places and links
 * the corpus holds: at most two segments, and never without the change, the time or the matched term.
 */
class SmsCompositionTests {

	static final List<String> LANGUAGES = List.of("en", "es", "ht");

	static final String PAGE = "https://alerts.example.org/meetings/4102";

	/** Detroit's Charter Revision Commission (other-meeting-json/city-scrapers__det_charter_review.json). */
	static final String DETROIT_PLACE = "Adams Butzel Recreation Complex Detroit Youth Hockey And Swim Lessons, 10500 Lyndon St, Detroit, MI 48238, USA";

	/** Cuyahoga County Council (other-meeting-json/city-scrapers-cle__cuya_county_council.json). */
	static final String CUYAHOGA_BODY = "Council Operations, Intergovernmental Relations & Public Transportation Committee";

	static final String KEY_WEST_TITLE = AlertComposerTests.TITLE;

	final AlertComposer alerts = new AlertComposer(new MessageTemplates());

	final ReminderComposer reminders = new ReminderComposer(new MessageTemplates());

	/** A real meeting, its real item and the term that found it. */
	record Case(String name, Meeting meeting, AgendaItem item, String term, String hit) {

		@Override
		public String toString() {
			return name;
		}

	}

	static List<Case> cases() throws IOException {
		JsonNode event = read("mauicounty__events_sample.json").get(0);
		JsonNode mauiItem = read("mauicounty__eventitems_sample.json").get(0);
		JsonNode metro = read("scrapers-lametro__event.json");
		ZoneId hawaii = ZoneId.of("Pacific/Honolulu");
		AgendaItem maui = new AgendaItem("54630", null, mauiItem.get("EventItemTitle").asString(), null,
				mauiItem.get("EventItemMatterFile").asString(), List.of());
		AgendaItem keyWest = new AgendaItem("9102", "2.", "2. " + KEY_WEST_TITLE, null, "Res. 25-212", List.of());
		return List.of(
				new Case("maui", meeting("County of Maui", event.get("EventBodyName").asString(), "Committee Meeting",
						Instant.parse("2020-09-23T23:30:00Z"), hawaii, event.get("EventLocation").asString(),
						event.get("EventAgendaFile").asString(), maui), maui, "witnesses", "witnesses"),
				new Case("la-metro", meeting("Los Angeles County Metropolitan Transportation Authority",
						metro.get("EventBodyName").asString(), "Special Board Meeting", Instant.parse("2024-09-26T17:00:00Z"),
						ZoneId.of("America/Los_Angeles"), metro.get("EventComment").asString(),
						metro.get("EventAgendaFile").asString(), keyWest), keyWest, "287(g)", "287 (g)"),
				new Case("detroit-cuyahoga", meeting("Cuyahoga County", CUYAHOGA_BODY,
						"Council Operations, Intergovernmental Relations & Public Transportation Committee Meeting - 4/30/2024",
						Instant.parse("2025-07-08T21:00:00Z"), ZoneId.of("America/New_York"), DETROIT_PLACE,
						metro.get("EventInSiteURL").asString(), maui), maui, "criminal proceedings", "criminal proceedings"));
	}

	static Stream<Arguments> alerts() throws IOException {
		List<Arguments> all = new ArrayList<>();
		for (Case c : cases()) {
			for (String language : LANGUAGES) {
				for (ChangeKind kind : ChangeKind.values()) {
					all.add(Arguments.of(c, language, kind));
				}
				all.add(Arguments.of(c, language, null)); // moved in time and place at once
			}
		}
		return all.stream();
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("alerts")
	void alertFitsTwoSegmentsWithTheChangeTheTimeAndTheTerm(Case c, String language, ChangeKind kind) {
		Instant earlier = c.meeting().start().minus(Duration.ofHours(1));
		MeetingRevision revision = revision(c, kind, earlier);
		String sms = alerts.sms(revision, List.of(match(c)), recipient(language), Set.of(c.item().key()), PAGE);

		assertThat(SmsSegments.count(sms)).as(sms).isLessThanOrEqualTo(2);
		assertThat(sms).as(sms).contains(c.term()).contains(lead(c, language, kind))
			.contains(when(c.meeting().start(), c.meeting().zone(), language)).endsWith(STOP.get(language));
		if (kind == ChangeKind.RESCHEDULED || kind == null) {
			assertThat(sms).as(sms).contains(SmsText.flat(LocalTimes.time(earlier, c.meeting().zone(), language)));
		}
		if (kind == null) {
			assertThat(sms).as(sms).containsAnyOf("Kingdom Hall", "Kingdom...");
		}
		assertWholeWords(sms, c);
		assertNothingRunsTogether(sms);
		assertThat(occurrences(sms, when(c.meeting().start(), c.meeting().zone(), language))).as(sms).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void moveNamesThePlaceOnceAndKeepsWordsApart(String language) throws IOException {
		Case c = cases().get(2);
		String sms = alerts.sms(revision(c, null, c.meeting().start().minus(Duration.ofHours(1))), List.of(match(c)),
				recipient(language), Set.of(c.item().key()), PAGE);
		assertThat(occurrences(sms, "Adams Butzel")).as(sms).isZero();
		assertThat(occurrences(sms, "Kingdom")).as(sms).isEqualTo(1);
		assertNothingRunsTogether(sms);
	}

	@Test
	void roomyAlertKeepsTheAgendaLinkTheItemAndItsFileNumber() {
		Meeting meeting = meeting("City of Key West", "City Commission", "City Commission",
				Instant.parse("2025-07-08T21:00:00Z"), ZoneId.of("America/New_York"), "City Hall", "https://kw.example/a.pdf",
				new AgendaItem("9102", "2", "Reinstating the 287 (g) agreement", null, "Res. 25-212", List.of()));
		Case c = new Case("short", meeting, meeting.items().get(0), "287(g)", "287 (g)");
		String sms = alerts.sms(revision(c, ChangeKind.ANNOUNCED, null), List.of(match(c)), recipient("en"), Set.of("9102"), PAGE);
		assertThat(sms).isEqualTo("NEW MEETING: City Commission (City of Key West). Tue, Jul 8, 2025, 5:00 PM EDT at City Hall. "
				+ "You follow: 287(g). Item 2 Reinstating the 287 (g) agreement (Res. 25-212). Details: https://kw.example/a.pdf "
				+ "Reply STOP to end.");
	}

	@Test
	void spanishLettersOutsideGsm7LoseOnlyTheirAccent() {
		assertThat(SmsText.flat("Reunión del Consejo – sáb 12 de jul, “Ley 287(g)”")).isEqualTo("Reunion del Consejo - sab 12 de jul, \"Ley 287(g)\"");
		assertThat(SmsSegments.encoding(SmsText.flat("Comisión Municipal, período de comentarios públicos"))).isEqualTo(SmsSegments.Encoding.GSM_7);
		// ñ, é and Haitian è, ò are GSM-7 already and stay as they are.
		assertThat(SmsText.flat("Año, café, Rapèl, ankò")).isEqualTo("Año, café, Rapèl, ankò");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void textThatMustBeUcs2StillFitsItsSmallerSegments(String language) {
		Meeting meeting = meeting("旧金山市", "監事會 Board of Supervisors – Land Use and Transportation Committee", "Special Meeting",
				Instant.parse("2025-07-08T21:00:00Z"), ZoneId.of("America/Los_Angeles"), "市政廳 City Hall, Legislative Chamber, Room 250",
				"https://sfgov.legistar.com/View.ashx?M=A&ID=1234567&GUID=ABCDEF12-3456-7890-ABCD-EF1234567890",
				new AgendaItem("5", "5", "Resolution urging the Sheriff not to enter a 287 (g) agreement with ICE", null, "250712", List.of()));
		Case c = new Case("sf", meeting, meeting.items().get(0), "287(g)", "287 (g)");
		String sms = alerts.sms(revision(c, ChangeKind.RESCHEDULED, meeting.start().minus(Duration.ofHours(1))), List.of(match(c)),
				recipient(language), Set.of("5"), PAGE);
		assertThat(SmsSegments.encoding(sms)).isEqualTo(SmsSegments.Encoding.UCS_2);
		assertThat(SmsSegments.count(sms)).as(sms).isLessThanOrEqualTo(2);
		assertThat(sms).as(sms).contains("287(g)").contains(when(meeting.start(), meeting.zone(), language));
	}

	@Test
	void snippetsAreCutBetweenWords() {
		String around = SmsText.around("…rescinding Resolution 25-180 and reinstating the ", "287 (g)",
				" Task Force Model agreement between the Key West Police Department and U.S. Immigration and Customs", 40);
		assertThat(around).isEqualTo("...reinstating the 287 (g) Task Force...");
		assertThat(SmsText.cut("U.S. Immigration and Customs Enforcement", 30)).isEqualTo("U.S. Immigration and...");
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("casesByLanguage")
	void reminderFitsTwoSegmentsWithTheTimeAndThePlace(Case c, String language) {
		String sms = reminders.sms(recipient(language), c.meeting(), c.meeting().items(), Duration.ofHours(2), PAGE);
		assertThat(SmsSegments.count(sms)).as(sms).isLessThanOrEqualTo(2);
		assertThat(sms).as(sms).contains(when(c.meeting().start(), c.meeting().zone(), language)).contains("2 ")
			.endsWith(STOP.get(language));
		String firstLine = c.meeting().location().lines().findFirst().orElseThrow().strip();
		assertThat(sms).as(sms).contains(firstLine.substring(0, Math.min(firstLine.length(), 10)));
		assertNothingRunsTogether(sms);
	}

	static Stream<Arguments> casesByLanguage() throws IOException {
		return cases().stream().flatMap(c -> LANGUAGES.stream().map(language -> Arguments.of(c, language)));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void digestOfManyMeetingsFitsAndSaysHowManyMore(String language) throws IOException {
		DigestComposer digests = new DigestComposer(new MessageTemplates());
		Map<Meeting, List<DigestComposer.Entry>> byMeeting = new LinkedHashMap<>();
		List<Case> cases = cases();
		for (int i = 0; i < 12; i++) {
			Meeting m = cases.get(i % cases.size()).meeting();
			Meeting copy = new Meeting(i + 1, m.feedId(), "s" + i, m.jurisdiction(), m.body(), m.title(), m.start(), m.zone(),
					m.location(), m.status(), m.agendaUrl(), m.sourceUrl(), m.description(), 0, m.items());
			byMeeting.put(copy, List.of(new DigestComposer.Entry(i + 1, "announced", List.of("police"), List.of(), List.of())));
		}
		String sms = digests.compose(recipient(language), "daily", byMeeting).sms();
		assertThat(SmsSegments.count(sms)).as(sms).isLessThanOrEqualTo(2);
		assertThat(sms).as(sms).containsPattern(" (more|mas|lòt)\\.").endsWith(STOP.get(language));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void confirmationAndRepliesFitTwoSegments(String language) {
		MessageTemplates templates = new MessageTemplates();
		Map<String, Object> model = Map.of("publicUrl", "https://alerts.example-city.gov");
		for (String kind : List.of("confirm", "reply-help", "reply-start", "reply-yes")) {
			String sms = SmsText.flat(templates.render(language, List.of(kind), "sms.txt", model));
			assertThat(SmsSegments.count(sms)).as(kind + ": " + sms).isLessThanOrEqualTo(2);
			assertThat(sms).contains("STOP");
		}
	}

	static final Map<String, Map<ChangeKind, String>> LEADS = Map.of(
			"en", Map.of(ChangeKind.ANNOUNCED, "SPECIAL MEETING:", ChangeKind.AGENDA_PUBLISHED, "AGENDA OUT:",
					ChangeKind.ITEM_ADDED, "NEW ITEM:", ChangeKind.ITEM_CHANGED, "ITEM CHANGED:", ChangeKind.ITEM_REMOVED,
					"ITEM WITHDRAWN:", ChangeKind.RESCHEDULED, "MOVED:", ChangeKind.CANCELLED, "CANCELLED:",
					ChangeKind.REINSTATED, "BACK ON:", ChangeKind.DOCUMENT_CHANGED, "IN THE DOCUMENTS:"),
			"es", Map.of(ChangeKind.ANNOUNCED, "REUNION ESPECIAL:", ChangeKind.AGENDA_PUBLISHED, "AGENDA PUBLICADA:",
					ChangeKind.ITEM_ADDED, "PUNTO NUEVO:", ChangeKind.ITEM_CHANGED, "PUNTO MODIFICADO:",
					ChangeKind.ITEM_REMOVED, "PUNTO RETIRADO:", ChangeKind.RESCHEDULED, "CAMBIO:", ChangeKind.CANCELLED,
					"CANCELADA:", ChangeKind.REINSTATED, "DE NUEVO EN AGENDA:", ChangeKind.DOCUMENT_CHANGED,
					"EN LOS DOCUMENTOS:"),
			"ht", Map.of(ChangeKind.ANNOUNCED, "REYINYON ESPESYAL:", ChangeKind.AGENDA_PUBLISHED, "AJANDA PIBLIYE:",
					ChangeKind.ITEM_ADDED, "NOUVO PWEN:", ChangeKind.ITEM_CHANGED, "PWEN CHANJE:", ChangeKind.ITEM_REMOVED,
					"PWEN RETIRE:", ChangeKind.RESCHEDULED, "CHANJMAN:", ChangeKind.CANCELLED, "ANILE:",
					ChangeKind.REINSTATED, "Sou ajanda ankò:", ChangeKind.DOCUMENT_CHANGED, "NAN DOKIMAN YO:"));

	static final Map<String, String> NEW_MEETING = Map.of("en", "NEW MEETING:", "es", "NUEVA REUNION:", "ht",
			"NOUVO REYINYON:");

	static String lead(Case c, String language, ChangeKind kind) {
		if (kind == ChangeKind.ANNOUNCED && !c.meeting().isSpecial()) {
			return NEW_MEETING.get(language);
		}
		return LEADS.get(language).get(kind == null ? ChangeKind.RESCHEDULED : kind);
	}

	static final Map<String, String> STOP = Map.of("en", "Reply STOP to end.", "es", "Responda STOP para terminar.", "ht",
			"Reponn STOP pou kanpe.");

	private static MeetingRevision revision(Case c, ChangeKind kind, Instant earlier) {
		Meeting meeting = c.meeting();
		List<Change> changes = new ArrayList<>();
		List<AgendaItem> removed = List.of();
		if (kind == null) {
			changes.add(new Change(ChangeKind.RESCHEDULED, "start", null, earlier.toString(), meeting.start().toString()));
			changes.add(new Change(ChangeKind.RESCHEDULED, "location", null, meeting.location(), "Kingdom Hall, 1200 Fleming Street"));
			meeting = withLocation(meeting, "Kingdom Hall, 1200 Fleming Street");
		}
		else if (kind == ChangeKind.RESCHEDULED) {
			changes.add(new Change(kind, "start", null, earlier.toString(), meeting.start().toString()));
		}
		else if (kind == ChangeKind.ITEM_CHANGED) {
			changes.add(new Change(kind, "title", c.item().key(), "An older title", c.item().title()));
		}
		else if (kind == ChangeKind.ITEM_ADDED || kind == ChangeKind.ITEM_REMOVED) {
			changes.add(new Change(kind, null, c.item().key(), null, null));
			removed = kind == ChangeKind.ITEM_REMOVED ? List.of(c.item()) : List.of();
		}
		else {
			changes.add(new Change(kind, null, null, null, null));
		}
		if (kind == ChangeKind.CANCELLED) {
			meeting = new Meeting(meeting.id(), meeting.feedId(), meeting.sourceId(), meeting.jurisdiction(), meeting.body(),
					meeting.title(), meeting.start(), meeting.zone(), meeting.location(), MeetingStatus.CANCELLED,
					meeting.agendaUrl(), meeting.sourceUrl(), meeting.description(), 1, meeting.items());
		}
		return new MeetingRevision(meeting, 7, changes, true, removed, Instant.parse("2020-01-01T00:00:00Z"));
	}

	private static Meeting withLocation(Meeting m, String location) {
		return new Meeting(m.id(), m.feedId(), m.sourceId(), m.jurisdiction(), m.body(), m.title(), m.start(), m.zone(), location,
				m.status(), m.agendaUrl(), m.sourceUrl(), m.description(), 1, m.items());
	}

	static Meeting meeting(String jurisdiction, String body, String title, Instant start, ZoneId zone, String location,
			String agenda, AgendaItem item) {
		return new Meeting(4102, "feed", "4102", jurisdiction, body, title, start, zone, location, MeetingStatus.SCHEDULED,
				agenda, null, null, 0, List.of(item));
	}

	/** A snippet cut as the matcher cuts it: 70 characters either side, at spaces. */
	private static Match match(Case c) {
		String text = c.item().title();
		int start = text.indexOf(c.hit());
		int end = start + c.hit().length();
		int from = Math.max(0, start - 70);
		int to = Math.min(text.length(), end + 70);
		Snippet snippet = new Snippet((from > 0 ? "…" : "") + text.substring(from, start), c.hit(),
				text.substring(end, to) + (to < text.length() ? "…" : ""));
		return new Match(1, 1, List.of(c.term()), List.of(new MatchedItem(c.item().key(), c.item().number(), text,
				c.item().matterId(), snippet)), null);
	}

	static String when(Instant start, ZoneId zone, String language) {
		return SmsText.flat(LocalTimes.format(start, zone, language));
	}

	static Recipient recipient(String language) {
		return new Recipient(1, "p", language, null, Delivery.IMMEDIATE, List.of(Duration.ofHours(24)), null, null, 7, List.of());
	}

	/** A word shown before "..." is a whole word of the source, never one cut in half. */
	private static void assertWholeWords(String sms, Case c) {
		String source = SmsText.flat(c.item().title() + " " + c.meeting().body() + " " + c.meeting().title() + " "
				+ c.meeting().location() + " " + c.meeting().jurisdiction() + " Kingdom Hall, 1200 Fleming Street");
		Matcher cut = Pattern.compile("([\\p{L}\\p{N}]+)\\.\\.\\.").matcher(sms);
		while (cut.find()) {
			assertThat(source).as("cut word in " + sms).containsPattern("(?<![\\p{L}\\p{N}])" + Pattern.quote(cut.group(1))
					+ "(?![\\p{L}\\p{N}])");
		}
		Matcher lead = Pattern.compile("\\.\\.\\.([\\p{L}\\p{N}]+)").matcher(sms);
		while (lead.find()) {
			assertThat(source).as("cut word in " + sms).containsPattern("(?<![\\p{L}\\p{N}])" + Pattern.quote(lead.group(1))
					+ "(?![\\p{L}\\p{N}])");
		}
	}

	/** "EST.now at": two sentences with no space between them. */
	private static void assertNothingRunsTogether(String sms) {
		assertThat(sms.replaceAll("https?://\\S+", "")).as(sms).doesNotContainPattern("\\p{Ll}\\.\\p{L}");
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

	private static JsonNode read(String name) throws IOException {
		try (InputStream in = SmsCompositionTests.class.getResourceAsStream("/org/sunshine/feed/read/" + name)) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

}
