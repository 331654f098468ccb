package org.sunshine.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingRevision;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.notification.channel.sms.SmsSegments;

/**
 * Writes an organization's campaign message, reminder or correction for one follower: the organization's
 * name first, its words in the follower's language, then the official facts from the meeting record (body,
 * local time and zone, place, item, how to comment or speak), the RSVP link and the link that leaves the
 * organization. A text ends with the RSVP keyword and fits in two segments.
 */
@Component
class CampaignComposer {

	/** Shortening steps for a text, tried in order until it fits: the organization's words, then item titles. */
	private static final int[][] SMS_STEPS = { { 1_000, 70 }, { 160, 70 }, { 160, 40 }, { 100, 40 }, { 100, 0 },
			{ 60, 0 }, { 0, 0 } };

	private final MessageTemplates templates;

	CampaignComposer(MessageTemplates templates) {
		this.templates = templates;
	}

	AlertComposer.Email email(FollowerMessage.Kind kind, CampaignContent.Letter letter, Meeting meeting,
			MeetingRevision correction, Duration lead) {
		Map<String, Object> model = model(kind, letter, meeting, correction, lead);
		List<String> kinds = List.of(kind.value(), "campaign");
		String language = letter.language();
		return new AlertComposer.Email(AlertComposer.flat(templates.render(language, kinds, "subject.txt", model)),
				templates.render(language, kinds, "email.txt", model).replaceAll("\\n{3,}", "\n\n"),
				templates.render(language, kinds, "email.html", model));
	}

	String sms(FollowerMessage.Kind kind, CampaignContent.Letter letter, Meeting meeting, MeetingRevision correction,
			Duration lead) {
		return sms(kind, letter, meeting, correction, lead, "");
	}

	/**
	 * At most two segments: the organization's words are cut short first, then the place and the item.
	 * {@code prefix} (a test send's mark, or empty) leads the text and counts towards its length.
	 */
	String sms(FollowerMessage.Kind kind, CampaignContent.Letter letter, Meeting meeting, MeetingRevision correction,
			Duration lead, String prefix) {
		Map<String, Object> model = model(kind, letter, meeting, correction, lead);
		List<String> kinds = List.of(kind.value(), "campaign");
		@SuppressWarnings("unchecked")
		Map<String, Object> place = new HashMap<>((Map<String, Object>) model.get("meeting"));
		String location = (String) place.get("location");
		place.put("location", location == null ? null : shorten(location.lines().findFirst().orElse(""), 60));
		model.put("meeting", place);
		@SuppressWarnings("unchecked")
		List<String> items = (List<String>) model.get("items");
		String text = null;
		for (int[] step : SMS_STEPS) {
			model.put("message", shorten(letter.message(), step[0]));
			model.put("items", step[1] == 0 ? List.of() : items.stream().map(item -> shorten(item, step[1])).toList());
			text = gsm(prefix + SmsText.flat(templates.render(letter.language(), kinds, "sms.txt", model)));
			if (SmsText.fits(text)) {
				break;
			}
		}
		return text;
	}

	private static Map<String, Object> model(FollowerMessage.Kind kind, CampaignContent.Letter letter, Meeting meeting,
			MeetingRevision correction, Duration lead) {
		String language = letter.language();
		Map<String, Object> model = new HashMap<>();
		model.put("kind", kind.value());
		model.put("organization", letter.organization());
		model.put("message", letter.message());
		model.put("ask", letter.ask());
		model.put("going", letter.going());
		model.put("rsvpUrl", letter.rsvpUrl());
		model.put("leaveUrl", letter.leaveUrl());
		model.put("meeting", AlertComposer.meetingModel(meeting, meeting.zone(), language));
		model.put("cancelled", meeting.status() == MeetingStatus.CANCELLED);
		model.put("items", items(meeting, letter.itemKeys()));
		model.put("lead", lead == null ? null : ReminderComposer.leadText(lead, language));
		model.put("changes", correction == null ? List.of()
				: AlertComposer.changes(correction, meeting.zone(), language, new LinkedHashSet<>(letter.itemKeys())));
		return model;
	}

	private static List<String> items(Meeting meeting, List<String> keys) {
		List<String> labels = new ArrayList<>();
		for (AgendaItem item : meeting.items()) {
			if (keys.contains(item.key())) {
				labels.add(AlertComposer.itemLabel(item.number(), item.title()));
			}
		}
		return labels;
	}

	private static String shorten(String text, int length) {
		if (text == null || text.length() <= length) {
			return text;
		}
		return length == 0 ? "" : text.substring(0, Math.max(length - 1, 0)).strip() + "…";
	}

	/**
	 * Letters outside GSM-7 (á, í, ó, ú, ç...) would make the whole text UCS-2 and halve what two segments hold:
	 * they lose their accent in a text, as Spanish and Creole speakers write on phones anyway.
	 */
	static String gsm(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.replace("…", "...").toCharArray()) {
			String single = String.valueOf(c);
			if (SmsSegments.encoding(single) == SmsSegments.Encoding.GSM_7) {
				out.append(c);
			}
			else {
				String plain = java.text.Normalizer.normalize(single, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
				out.append(SmsSegments.encoding(plain) == SmsSegments.Encoding.GSM_7 ? plain : "?");
			}
		}
		return out.toString();
	}

}
