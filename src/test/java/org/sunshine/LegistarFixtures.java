package org.sunshine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Legistar Web API responses for Key West, derived from real captured responses (LA Metro's event and
 * Maui County's event item, from ../shared/corpus) by changing only the values, so the shape, the field
 * names and the quirks (midnight EventDate, free-text EventTime, CRLF locations) stay those of Legistar.
 */
public final class LegistarFixtures {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private LegistarFixtures() {
	}

	public static ObjectNode event(int id, String body, String date, String time, String location, String comment) {
		ObjectNode event = (ObjectNode) read("legistar/event.json");
		event.put("EventId", id);
		event.put("EventGuid", "00000000-0000-0000-0000-" + String.format("%012d", id));
		event.put("EventBodyName", body);
		event.put("EventDate", date + "T00:00:00");
		event.put("EventTime", time);
		event.put("EventLocation", location);
		event.put("EventComment", comment);
		event.put("EventAgendaFile", "https://keywest.legistar1.com/keywest/meetings/2025/7/" + id + "_A_Agenda.pdf");
		event.put("EventInSiteURL", "https://keywest.legistar.com/MeetingDetail.aspx?LEGID=" + id);
		return event;
	}

	public static ObjectNode item(int id, int eventId, int sequence, String number, String title, String matterFile) {
		ObjectNode item = (ObjectNode) read("legistar/eventitems.json").get(0);
		item.put("EventItemId", id);
		item.put("EventItemEventId", eventId);
		item.put("EventItemAgendaSequence", sequence);
		item.put("EventItemAgendaNumber", number);
		item.put("EventItemTitle", title);
		item.put("EventItemMatterFile", matterFile);
		return item;
	}

	public static String array(JsonNode... nodes) {
		ArrayNode array = JSON.createArrayNode();
		for (JsonNode node : nodes) {
			array.add(node);
		}
		return JSON.writeValueAsString(array);
	}

	private static JsonNode read(String name) {
		try (InputStream in = LegistarFixtures.class.getResourceAsStream(name)) {
			return JSON.readTree(in);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
