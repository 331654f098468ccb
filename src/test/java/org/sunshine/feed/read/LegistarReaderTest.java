package org.sunshine.feed.read;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sunshine.feed.read.FeedTestSupport.feed;
import static org.sunshine.feed.read.FeedTestSupport.poll;
import static org.sunshine.feed.read.FeedTestSupport.text;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.meeting.AgendaItemSnapshot;
import org.sunshine.meeting.DocumentLink;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class LegistarReaderTest {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final LegistarReader reader = new LegistarReader();

	/** The LA Metro /events/{id} capture: Board of Directors, 2024-09-26 "10:00 AM". */
	private static ObjectNode metroEvent() {
		return (ObjectNode) JSON.readTree(text("scrapers-lametro__event.json"));
	}

	private static ObjectNode metroEvent(int id, String body, String date, String time) {
		ObjectNode event = metroEvent();
		event.put("EventId", id);
		event.put("EventBodyName", body);
		event.put("EventDate", date + "T00:00:00");
		if (time == null) {
			event.putNull("EventTime");
		}
		else {
			event.put("EventTime", time);
		}
		return event;
	}

	private static String array(ObjectNode... nodes) {
		ArrayNode array = JSON.createArrayNode();
		for (ObjectNode node : nodes) {
			array.add(node);
		}
		return array.toString();
	}

	private static void stubEvents(String client, String body) {
		wm.stubFor(get(urlPathEqualTo("/v1/" + client + "/events")).willReturn(okJson(body)));
	}

	private static void stubNoItems(String client) {
		wm.stubFor(get(urlPathMatching("/v1/" + client + "/events/\\d+/eventitems")).willReturn(okJson("[]")));
	}

	private FeedDefinition feedFor(String client, String zone, String... bodies) {
		return feed(FeedType.LEGISTAR, wm.baseUrl() + "/v1/" + client, zone, bodies);
	}

	@Test
	void readsTheLaMetroEventWithItemsAndKeepsTheTokenOnEveryRequest() throws Exception {
		Instant now = Instant.parse("2024-09-25T12:00:00Z");
		wm.stubFor(get(urlPathEqualTo("/v1/metro/events"))
			.withQueryParam("$filter", equalTo("EventDate ge datetime'2024-09-24'"))
			.withQueryParam("$orderby", equalTo("EventDate"))
			.withQueryParam("token", equalTo("s3cret"))
			.willReturn(okJson("[" + text("scrapers-lametro__event.json") + "]")));
		wm.stubFor(get(urlPathEqualTo("/v1/metro/events/2907/eventitems"))
			.withQueryParam("AgendaNote", equalTo("1"))
			.withQueryParam("Attachments", equalTo("1"))
			.withQueryParam("token", equalTo("s3cret"))
			.willReturn(okJson("""
					[
					  {"EventItemId": 3, "EventItemAgendaSequence": 2, "EventItemAgendaNumber": "2.",
					   "EventItemTitle": "APPROVE Consent Calendar", "EventItemMatterFile": "2024-0735",
					   "EventItemAgendaNote": "<p>Staff <b>recommends</b> approval.</p>",
					   "EventItemMatterAttachments": [
					     {"MatterAttachmentName": "Report", "MatterAttachmentHyperlink": "https://metro.legistar1.com/a.pdf"}]},
					  {"EventItemId": 1, "EventItemAgendaSequence": 1, "EventItemAgendaNumber": "1.",
					   "EventItemTitle": "CALL TO ORDER", "EventItemMatterFile": null, "EventItemMatterAttachments": []},
					  {"EventItemId": 9, "EventItemAgendaSequence": null, "EventItemAgendaNumber": null,
					   "EventItemTitle": "Minutes-only entry", "EventItemMatterAttachments": []},
					  {"EventItemId": 4, "EventItemAgendaSequence": 3, "EventItemTitle": null,
					   "EventItemMatterName": "Receive and file the Board report", "EventItemMatterAttachments": []}
					]""")));

		List<MeetingSnapshot> meetings = poll(reader,
				feed(FeedType.LEGISTAR, wm.baseUrl() + "/v1/metro?token=s3cret", "America/Los_Angeles"), now);

		assertThat(meetings).hasSize(1);
		MeetingSnapshot meeting = meetings.get(0);
		assertThat(meeting.sourceId()).isEqualTo("2907");
		assertThat(meeting.body()).isEqualTo("Board of Directors - Regular Board Meeting");
		assertThat(meeting.title()).isEqualTo("Board of Directors - Regular Board Meeting");
		assertThat(meeting.jurisdiction()).isEqualTo("Test Jurisdiction");
		assertThat(meeting.start()).isEqualTo(Instant.parse("2024-09-26T17:00:00Z"));
		assertThat(meeting.location()).isEqualTo("One Gateway Plaza, Los Angeles, CA 90012,\n3rd Floor, Metro Board Room");
		assertThat(meeting.agendaUrl()).isEqualTo(
				"https://metro.legistar1.com/metro/meetings/2024/9/2907_A_Board_of_Directors_-_Regular_Board_Meeting_24-09-26_Agenda.pdf");
		assertThat(meeting.sourceUrl()).startsWith("https://metro.legistar.com/MeetingDetail.aspx?LEGID=2907");
		assertThat(meeting.description()).startsWith("Watch online: https://boardagendas.metro.net\nListen by phone:")
			.doesNotContain("\r");
		assertThat(meeting.status()).isEqualTo(MeetingStatus.SCHEDULED);
		assertThat(meeting.items()).extracting(AgendaItemSnapshot::sourceId).containsExactly("1", "3", "4");
		AgendaItemSnapshot consent = meeting.items().get(1);
		assertThat(consent.number()).isEqualTo("2.");
		assertThat(consent.title()).isEqualTo("APPROVE Consent Calendar");
		assertThat(consent.matterId()).isEqualTo("2024-0735");
		assertThat(consent.text()).isEqualTo("Staff recommends approval.");
		assertThat(consent.attachments()).containsExactly("https://metro.legistar1.com/a.pdf");
		assertThat(meeting.items().get(2).title()).isEqualTo("Receive and file the Board report");
	}

	@Test
	void readsTheMauiSamplesInHonoluluTimeAndSkipsItemsOffTheAgenda() throws Exception {
		ArrayNode items = (ArrayNode) JSON.readTree(text("mauicounty__eventitems_sample.json"));
		ObjectNode minutesOnly = ((ObjectNode) items.get(0)).deepCopy();
		minutesOnly.put("EventItemId", 54631);
		minutesOnly.putNull("EventItemAgendaSequence");
		items.add(minutesOnly);
		stubEvents("mauicounty", text("mauicounty__events_sample.json"));
		wm.stubFor(get(urlPathEqualTo("/v1/mauicounty/events/2854/eventitems")).willReturn(okJson(items.toString())));

		List<MeetingSnapshot> meetings = poll(reader, feedFor("mauicounty", "Pacific/Honolulu"),
				Instant.parse("2020-09-22T20:00:00Z"));

		assertThat(meetings).hasSize(1);
		MeetingSnapshot meeting = meetings.get(0);
		assertThat(meeting.start()).isEqualTo(Instant.parse("2020-09-23T23:30:00Z"));
		assertThat(meeting.zone().getId()).isEqualTo("Pacific/Honolulu");
		assertThat(meeting.location()).startsWith("Online Only\nPhone testimony: 408-915-6290, meeting code 798 867 277\n")
			.endsWith("Visit mauicounty.us for more\ninformation.");
		// "Recessed to ..." is not a cancellation; the comment shows it.
		assertThat(meeting.status()).isEqualTo(MeetingStatus.SCHEDULED);
		assertThat(meeting.description()).isEqualTo("Recessed to 09/29/20 at 1:30 p.m.");
		assertThat(meeting.items()).singleElement().satisfies(item -> {
			assertThat(item.sourceId()).isEqualTo("54630");
			assertThat(item.number()).isNull();
			assertThat(item.title()).startsWith("PROSECUTING ATTORNEY, transmitting a copy of Administrative Directive");
			assertThat(item.matterId()).isEqualTo("CC 20-464");
			assertThat(item.attachments()).isEmpty();
		});
	}

	/** Found by mutating real files: a sequence too large for a long, or a fraction, orders items; it throws nothing. */
	@Test
	void anAgendaSequenceOutOfRangeOrdersTheItemLastInsteadOfFailingTheRead() throws Exception {
		ArrayNode items = (ArrayNode) JSON.readTree(text("mauicounty__eventitems_sample.json"));
		ObjectNode huge = ((ObjectNode) items.get(0)).deepCopy();
		huge.put("EventItemId", 54632);
		huge.put("EventItemAgendaSequence", new java.math.BigInteger("99999999999999999999999999999"));
		ObjectNode fraction = ((ObjectNode) items.get(0)).deepCopy();
		fraction.put("EventItemId", 54633);
		fraction.put("EventItemAgendaSequence", 1e300);
		items.add(huge);
		items.add(fraction);
		stubEvents("mauicounty", text("mauicounty__events_sample.json"));
		wm.stubFor(get(urlPathEqualTo("/v1/mauicounty/events/2854/eventitems")).willReturn(okJson(items.toString())));

		List<MeetingSnapshot> meetings = poll(reader, feedFor("mauicounty", "Pacific/Honolulu"),
				Instant.parse("2020-09-22T20:00:00Z"));

		assertThat(meetings).singleElement().satisfies(meeting -> assertThat(meeting.items())
			.extracting(item -> item.sourceId()).containsExactly("54630", "54632", "54633"));
	}

	@Test
	void appliesTheBodyFilterBeforeFetchingItems() throws Exception {
		stubEvents("metro", array(metroEvent(2907, "Board of Directors - Regular Board Meeting", "2024-09-26", "10:00 AM"),
				metroEvent(2908, "Planning and Programming Committee", "2024-09-26", "1:00 PM")));
		stubNoItems("metro");

		List<MeetingSnapshot> meetings = poll(reader,
				feedFor("metro", "America/Los_Angeles", "planning and programming committee"),
				Instant.parse("2024-09-25T12:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::sourceId).containsExactly("2908");
		assertThat(meetings.get(0).start()).isEqualTo(Instant.parse("2024-09-26T20:00:00Z"));
		wm.verify(0, getRequestedFor(urlPathEqualTo("/v1/metro/events/2907/eventitems")));
	}

	@Test
	void marksCancelledMeetingsFromTheTitleOrComment() throws Exception {
		ObjectNode canceledTitle = metroEvent(1, "Board of Directors (CANCELED)", "2024-09-26", "10:00 AM");
		ObjectNode cancelledComment = metroEvent(2, "Finance Committee", "2024-09-26", "11:00 AM");
		cancelledComment.put("EventComment", "This meeting has been cancelled.");
		ObjectNode cancelButton = metroEvent(3, "Ethics Committee", "2024-09-26", "12:00 PM");
		cancelButton.put("EventComment", "Cancel");
		stubEvents("metro", array(canceledTitle, cancelledComment, cancelButton));
		stubNoItems("metro");

		List<MeetingSnapshot> meetings = poll(reader, feedFor("metro", "America/Los_Angeles"),
				Instant.parse("2024-09-25T12:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::status)
			.containsExactly(MeetingStatus.CANCELLED, MeetingStatus.CANCELLED, MeetingStatus.SCHEDULED);
		assertThat(meetings.get(0).title()).isEqualTo("Board of Directors (CANCELED)");
	}

	@Test
	void computesLocalTimesAcrossDaylightSavingTransitions() throws Exception {
		stubEvents("nyc", array(metroEvent(1, "Council", "2025-03-08", "6:00 PM"),
				metroEvent(2, "Council", "2025-03-09", "2:30 AM"), // in the spring-forward gap: moves to 3:30 EDT
				metroEvent(3, "Council", "2025-03-10", "6:00PM"),
				metroEvent(4, "Council", "2025-11-01", "6 PM"),
				metroEvent(5, "Council", "2025-11-02", "1:30 am"), // in the fall-back overlap: the earlier, EDT
				metroEvent(6, "Council", "2025-11-03", "18:00")));
		stubNoItems("nyc");

		List<MeetingSnapshot> meetings = poll(reader, feedFor("nyc", "America/New_York"),
				Instant.parse("2025-03-08T00:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::start)
			.containsExactly(Instant.parse("2025-03-08T23:00:00Z"), Instant.parse("2025-03-09T07:30:00Z"),
					Instant.parse("2025-03-10T22:00:00Z"), Instant.parse("2025-11-01T22:00:00Z"),
					Instant.parse("2025-11-02T05:30:00Z"), Instant.parse("2025-11-03T23:00:00Z"));
	}

	@Test
	void skipsAnEventWithAnUnreadableTimeButKeepsTheOthers() throws Exception {
		stubEvents("metro", array(metroEvent(10, "Council", "2024-09-26", "TBD"),
				metroEvent(11, "Council", "2024-09-26", "10:00 AM"), metroEvent(12, "Council", "2024-09-27", null)));
		stubNoItems("metro");

		List<MeetingSnapshot> meetings = poll(reader, feedFor("metro", "America/Los_Angeles"),
				Instant.parse("2024-09-25T12:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::sourceId).containsExactly("11");
	}

	@Test
	void failsWhenTheOnlyEventHasAnUnreadableTime() {
		stubEvents("metro", array(metroEvent(13, "Council", "2024-09-26", "5:00 P")));
		stubNoItems("metro");

		assertThatThrownBy(() -> poll(reader, feedFor("metro", "America/Los_Angeles"),
				Instant.parse("2024-09-25T12:00:00Z")))
			.isInstanceOf(FeedReadException.class)
			.hasMessageContaining("event 13")
			.hasMessageContaining("'5:00 P'");
	}

	@Test
	void dropsMeetingsThatStartedMoreThanADayAgo() throws Exception {
		stubEvents("metro", array(metroEvent(20, "Council", "2024-09-24", "9:00 AM"),
				metroEvent(21, "Council", "2024-09-24", "5:00 PM")));
		stubNoItems("metro");

		List<MeetingSnapshot> meetings = poll(reader, feedFor("metro", "America/Los_Angeles"),
				Instant.parse("2024-09-25T20:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::sourceId).containsExactly("21");
	}

	@Test
	void rejectsInvalidJson() {
		stubEvents("metro", "[{\"EventId\": 1,");

		assertThatThrownBy(() -> poll(reader, feedFor("metro", "America/Los_Angeles"), Instant.parse("2024-09-25T12:00:00Z")))
			.isInstanceOf(FeedReadException.class)
			.hasMessageContaining("invalid JSON");
	}

	@Test
	void rejectsJsonOfTheWrongShape() {
		stubEvents("metro", text("scrapers-lametro__event.json"));

		assertThatThrownBy(() -> poll(reader, feedFor("metro", "America/Los_Angeles"), Instant.parse("2024-09-25T12:00:00Z")))
			.isInstanceOf(FeedReadException.class)
			.hasMessageContaining("expected a JSON array");
	}

	@Test
	void rejectsAnHtmlPageServedWithStatus200() {
		wm.stubFor(get(urlPathEqualTo("/v1/metro/events")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html; charset=utf-8")
			.withBody("<!DOCTYPE html><html><body><h1>Agency not found</h1></body></html>")));

		assertThatThrownBy(() -> poll(reader, feedFor("metro", "America/Los_Angeles"), Instant.parse("2024-09-25T12:00:00Z")))
			.isInstanceOf(FeedReadException.class)
			.hasMessageContaining("expected JSON")
			.hasMessageContaining("text/html");
	}

	@Test
	void rejectsAnHtmlPageWhereTheItemsShouldBe() {
		stubEvents("metro", "[" + text("scrapers-lametro__event.json") + "]");
		wm.stubFor(get(urlPathEqualTo("/v1/metro/events/2907/eventitems")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("\n  <html><body>Service unavailable</body></html>")));

		assertThatThrownBy(() -> poll(reader, feedFor("metro", "America/Los_Angeles"), Instant.parse("2024-09-25T12:00:00Z")))
			.isInstanceOf(FeedReadException.class)
			.hasMessageContaining("/v1/metro/events/2907/eventitems");
	}

	// Matter versions and texts follow the Web API's shapes (KeyValue pairs; MatterText with MatterTextPlain) as
	// python-legistar-scraper reads them; the corpus holds no capture of these two endpoints.
	private static void stubMatterText(String client, int matterId, String versions, String textKey, String plain) {
		wm.stubFor(get(urlPathEqualTo("/v1/" + client + "/matters/" + matterId + "/versions")).willReturn(okJson(versions)));
		ObjectNode text = JSON.createObjectNode();
		text.put("MatterTextId", Integer.parseInt(textKey));
		text.put("MatterTextMatterId", matterId);
		text.put("MatterTextVersion", "2");
		text.put("MatterTextPlain", plain);
		text.putNull("MatterTextRtf");
		wm.stubFor(get(urlPathEqualTo("/v1/" + client + "/matters/" + matterId + "/texts/" + textKey))
			.willReturn(okJson(text.toString())));
	}

	private static ArrayNode mauiItemsWithAttachment() {
		ArrayNode items = (ArrayNode) JSON.readTree(text("mauicounty__eventitems_sample.json"));
		ObjectNode attachment = JSON.createObjectNode();
		attachment.put("MatterAttachmentName", "Executive Memorandum No. 20-05");
		attachment.put("MatterAttachmentHyperlink", "https://mauicounty.legistar.com/View.ashx?M=F&ID=8821&GUID=A1");
		((ArrayNode) items.get(0).get("EventItemMatterAttachments")).add(attachment);
		return items;
	}

	@Test
	void readsTheLatestMatterTextTitledAttachmentsAndTheAgendaPdfAsDocuments() throws Exception {
		stubEvents("mauicounty", text("mauicounty__events_sample.json"));
		wm.stubFor(get(urlPathEqualTo("/v1/mauicounty/events/2854/eventitems"))
			.willReturn(okJson(mauiItemsWithAttachment().toString())));
		stubMatterText("mauicounty", 9815, """
				[{"Key": "40211", "Value": "1"}, {"Key": "40987", "Value": "2"}]""", "40987",
				"Reimbursement of witness expenses\r\nunder the 287(g) Task Force Model");

		MeetingSnapshot meeting = poll(reader, feedFor("mauicounty", "Pacific/Honolulu"),
				Instant.parse("2020-09-22T20:00:00Z")).get(0);

		AgendaItemSnapshot item = meeting.items().get(0);
		assertThat(item.text()).isEqualTo("Reimbursement of witness expenses\nunder the 287(g) Task Force Model");
		assertThat(item.documents()).extracting(DocumentLink::title, DocumentLink::url).containsExactly(
				org.assertj.core.groups.Tuple.tuple("Executive Memorandum No. 20-05",
						"https://mauicounty.legistar.com/View.ashx?M=F&ID=8821&GUID=A1"));
		assertThat(meeting.documents()).extracting(DocumentLink::title).containsExactly("Agenda");
		assertThat(meeting.documents().get(0).url()).isEqualTo(meeting.agendaUrl());
		wm.verify(0, getRequestedFor(urlPathEqualTo("/v1/mauicounty/matters/9815/texts/40211")));
	}

	@Test
	void anAgendaNoteAndTheMatterTextAreBothKept() throws Exception {
		ArrayNode items = mauiItemsWithAttachment();
		((ObjectNode) items.get(0)).put("EventItemAgendaNote", "<p>Deferred from the last meeting.</p>");
		stubEvents("mauicounty", text("mauicounty__events_sample.json"));
		wm.stubFor(get(urlPathEqualTo("/v1/mauicounty/events/2854/eventitems")).willReturn(okJson(items.toString())));
		stubMatterText("mauicounty", 9815, "[{\"Key\": \"7\", \"Value\": \"1\"}]", "7", "Full text of the communication.");

		MeetingSnapshot meeting = poll(reader, feedFor("mauicounty", "Pacific/Honolulu"),
				Instant.parse("2020-09-22T20:00:00Z")).get(0);

		assertThat(meeting.items().get(0).text()).isEqualTo("Deferred from the last meeting.\n\nFull text of the communication.");
		assertThat(meeting.status()).as("an item's note is no status").isEqualTo(MeetingStatus.SCHEDULED);
	}

	@Test
	void aMatterWithoutTextIsNoFailure() throws Exception {
		stubEvents("mauicounty", text("mauicounty__events_sample.json"));
		wm.stubFor(get(urlPathEqualTo("/v1/mauicounty/events/2854/eventitems"))
			.willReturn(okJson(text("mauicounty__eventitems_sample.json"))));
		wm.stubFor(get(urlPathEqualTo("/v1/mauicounty/matters/9815/versions")).willReturn(aResponse().withStatus(404)));

		MeetingSnapshot meeting = poll(reader, feedFor("mauicounty", "Pacific/Honolulu"),
				Instant.parse("2020-09-22T20:00:00Z")).get(0);

		assertThat(meeting.items().get(0).text()).isNull();
	}

	@Test
	void aFeedWithDocumentsOffAsksForNoMatterText() throws Exception {
		stubEvents("mauicounty", text("mauicounty__events_sample.json"));
		wm.stubFor(get(urlPathEqualTo("/v1/mauicounty/events/2854/eventitems"))
			.willReturn(okJson(text("mauicounty__eventitems_sample.json"))));
		FeedDefinition plain = feedFor("mauicounty", "Pacific/Honolulu");
		FeedDefinition off = new FeedDefinition(plain.id(), plain.name(), plain.type(), plain.url(), plain.timezone(),
				plain.every(), plain.cron(), plain.bodies(), false, null);

		poll(reader, off, Instant.parse("2020-09-22T20:00:00Z"));

		wm.verify(0, getRequestedFor(urlPathMatching("/v1/mauicounty/matters/.*")));
	}

	@Test
	void deferredOrPostponedStatusesCallTheMeetingOff() throws Exception {
		ObjectNode deferred = metroEvent(11, "Board of Directors", "2024-09-26", "10:00 AM");
		deferred.put("EventAgendaStatusName", "Deferred");
		ObjectNode postponed = metroEvent(12, "Finance Committee", "2024-09-26", "11:00 AM");
		postponed.put("EventMinutesStatusName", "Postponed");
		ObjectNode finalRevised = metroEvent(13, "Ethics Committee", "2024-09-26", "12:00 PM");
		finalRevised.put("EventAgendaStatusName", "Final-revised");
		finalRevised.put("EventComment", "Item 4 postponed from September 12");
		stubEvents("metro", array(deferred, postponed, finalRevised));
		stubNoItems("metro");

		List<MeetingSnapshot> meetings = poll(reader, feedFor("metro", "America/Los_Angeles"),
				Instant.parse("2024-09-25T12:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::status)
			.containsExactly(MeetingStatus.CANCELLED, MeetingStatus.CANCELLED, MeetingStatus.SCHEDULED);
	}

	/** One poll with its caps and memory, as the poller runs it. */
	private List<MeetingSnapshot> pollWith(FeedDefinition feed, Instant now, Poll poll) throws Exception {
		return reader.read(feed, FeedTestSupport.FETCHER.fetch(reader.sourceUri(feed, now)), FeedTestSupport.FETCHER,
				now, poll);
	}

	@Test
	void asksForTheItemsOnlyOfEventsNewOrChangedSinceTheLastPoll() throws Exception {
		Instant now = Instant.parse("2024-09-25T12:00:00Z");
		ObjectNode board = metroEvent(21, "Board of Directors", "2024-09-26", "10:00 AM");
		ObjectNode finance = metroEvent(22, "Finance Committee", "2024-09-27", "11:00 AM");
		stubEvents("metro", array(board, finance));
		stubNoItems("metro");
		FeedDefinition feed = feedFor("metro", "America/Los_Angeles");
		Poll first = new Poll(100, 100, java.util.Map.of(), now);

		assertThat(pollWith(feed, now, first)).extracting(MeetingSnapshot::sourceId).containsExactly("21", "22");
		assertThat(first.versionsRead()).containsOnlyKeys("21", "22");
		wm.verify(2, getRequestedFor(urlPathMatching("/v1/metro/events/\\d+/eventitems")));

		wm.resetRequests();
		assertThat(pollWith(feed, now, new Poll(100, 100, first.versionsRead(), now))).as("nothing changed").isEmpty();
		wm.verify(0, getRequestedFor(urlPathMatching("/v1/metro/events/\\d+/eventitems")));

		finance.put("EventLastModifiedUtc", "2024-09-25T08:00:00.000");
		stubEvents("metro", array(board, finance));
		wm.resetRequests();
		Poll third = new Poll(100, 100, first.versionsRead(), now);
		assertThat(pollWith(feed, now, third)).extracting(MeetingSnapshot::sourceId).containsExactly("22");
		wm.verify(0, getRequestedFor(urlPathEqualTo("/v1/metro/events/21/eventitems")));
		wm.verify(1, getRequestedFor(urlPathEqualTo("/v1/metro/events/22/eventitems")));
		assertThat(third.warnings()).isEmpty();
	}

	@Test
	void readsEventsStartingSoonInFullOnEveryPollWhateverTheirStamps() throws Exception {
		Instant now = Instant.parse("2024-09-25T12:00:00Z");
		stubEvents("metro", array(metroEvent(51, "Board of Directors", "2024-09-26", "10:00 AM"),
				metroEvent(52, "Finance Committee", "2024-10-30", "11:00 AM")));
		stubNoItems("metro");
		FeedDefinition feed = feedFor("metro", "America/Los_Angeles");
		Poll first = new Poll(100, 100, java.util.Map.of(), now);
		pollWith(feed, now, first);

		Poll soon = new Poll(100, 100, first.versionsRead(), now.plus(java.time.Duration.ofDays(7)));
		assertThat(pollWith(feed, now, soon)).as("items edited without the event's stamps moving are still seen")
			.extracting(MeetingSnapshot::sourceId).containsExactly("51");
	}

	@Test
	void readsAtMostMaxDetailReadsEventsAPollSoonestFirstAndLeavesTheRestForTheNext() throws Exception {
		Instant now = Instant.parse("2024-09-25T12:00:00Z");
		stubEvents("metro", array(metroEvent(31, "Board of Directors", "2024-09-26", "10:00 AM"),
				metroEvent(32, "Finance Committee", "2024-09-27", "11:00 AM"),
				metroEvent(33, "Ethics Committee", "2024-09-28", "12:00 PM")));
		stubNoItems("metro");
		FeedDefinition feed = feedFor("metro", "America/Los_Angeles");

		Poll first = new Poll(100, 2, java.util.Map.of(), now);
		assertThat(pollWith(feed, now, first)).extracting(MeetingSnapshot::sourceId).containsExactly("31", "32");
		assertThat(first.carriedOver()).isTrue();
		assertThat(first.warnings()).containsExactly("1 event(s) left for the next poll: max-detail-reads (2) reached");

		Poll second = new Poll(100, 2, first.versionsRead(), now);
		assertThat(pollWith(feed, now, second)).extracting(MeetingSnapshot::sourceId).containsExactly("33");
		assertThat(second.carriedOver()).isFalse();
	}

	@Test
	void keepsTheFirstMaxMeetingsEventsAndSaysHowManyWereLeftOut() throws Exception {
		Instant now = Instant.parse("2024-09-25T12:00:00Z");
		stubEvents("metro", array(metroEvent(41, "Board of Directors", "2024-09-26", "10:00 AM"),
				metroEvent(42, "Finance Committee", "2024-09-27", "11:00 AM"),
				metroEvent(43, "Ethics Committee", "2024-09-28", "12:00 PM")));
		stubNoItems("metro");

		Poll poll = new Poll(1, 100, java.util.Map.of(), now);
		assertThat(pollWith(feedFor("metro", "America/Los_Angeles"), now, poll)).extracting(MeetingSnapshot::sourceId)
			.containsExactly("41");
		assertThat(poll.warnings()).containsExactly("2 event(s) beyond max-meetings (1) left out");
		wm.verify(1, getRequestedFor(urlPathMatching("/v1/metro/events/\\d+/eventitems")));
	}

}
