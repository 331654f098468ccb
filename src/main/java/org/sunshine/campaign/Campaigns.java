package org.sunshine.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;
import org.sunshine.notification.CampaignDeliveries;
import org.sunshine.notification.FollowerMessage;
import org.sunshine.system.InvalidFieldException;
import org.sunshine.system.NotFoundException;
import org.sunshine.system.TooManyRequestsException;

/**
 * An organization's calls to attend, speak at or comment on an official meeting. A campaign goes out at its
 * send time (or at once), optionally after an admin's approval, to every follower with a confirmed contact
 * point; what it says about the meeting is read from the meeting record when each message leaves.
 * Organizers see counts, never a follower's contact.
 */
@Service
public class Campaigns {

	private static final Logger log = LoggerFactory.getLogger(Campaigns.class);

	private static final Set<String> ASKS = Set.of("attend", "speak", "comment");

	private static final Set<String> LANGUAGES = Set.of("en", "es", "ht");

	private static final int MAX_MESSAGE = 1_000;

	private static final int MAX_REMINDERS = 3;

	private final CampaignRepository repository;

	private final Meetings meetings;

	private final CampaignDeliveries deliveries;

	private final CampaignProperties properties;

	private final org.springframework.transaction.support.TransactionTemplate transactions;

	private final Clock clock;

	Campaigns(CampaignRepository repository, Meetings meetings, CampaignDeliveries deliveries,
			CampaignProperties properties, org.springframework.transaction.support.TransactionTemplate transactions,
			Clock clock) {
		this.transactions = transactions;
		this.repository = repository;
		this.meetings = meetings;
		this.deliveries = deliveries;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * An organizer's request: the meeting, the ask, the text per language, and optionally when to send (ISO-8601
	 * with offset), reminders (ISO-8601 durations before the meeting) and agenda item numbers.
	 */
	public record NewCampaign(Long meetingId, String ask, Map<String, String> message, String sendAt,
			List<String> reminders, List<String> items) {
	}

	/** What an organizer sees: counts only. */
	public record CampaignView(long id, long meetingId, String status, long audience, long sent, long failed,
			long pending, long corrections, Rsvp rsvp) {
	}

	public record Rsvp(long going, long notGoing) {
	}

	@Transactional
	public CampaignView create(Organization organization, NewCampaign request) {
		Instant now = clock.instant();
		Meeting meeting = meeting(request.meetingId(), now);
		String ask = request.ask() == null ? "" : request.ask().strip().toLowerCase(java.util.Locale.ROOT);
		if (!ASKS.contains(ask)) {
			throw new InvalidFieldException("ask", "use attend, speak or comment");
		}
		Map<String, String> messages = messages(request.message());
		Instant sendAt = sendAt(request.sendAt(), now, meeting);
		List<Duration> reminders = reminders(request.reminders());
		List<String> itemKeys = itemKeys(request.items(), meeting);
		if (repository.countSince(organization.id(), now.minus(Duration.ofDays(1))) >= properties.campaignsPerDay()) {
			throw new TooManyRequestsException("an organization may start at most " + properties.campaignsPerDay()
					+ " campaigns in 24 hours");
		}
		String status = properties.approvalRequired() ? "awaiting-approval" : "scheduled";
		long id = repository.insert(organization.id(), meeting.id(), ask, messages, itemKeys, reminders, sendAt, status, now);
		log.info("Campaign {} of organization {} for meeting {} created ({})", id, organization.slug(), meeting.id(), status);
		if (status.equals("scheduled") && !sendAt.isAfter(now)) {
			launch(id);
		}
		return view(organization, id);
	}

	private Meeting meeting(Long id, Instant now) {
		if (id == null) {
			throw new InvalidFieldException("meetingId", "give the id of the meeting (see GET /api/meetings)");
		}
		Meeting meeting = meetings.find(id).orElseThrow(() -> new InvalidFieldException("meetingId", "no meeting " + id));
		if (!meeting.start().isAfter(now)) {
			throw new InvalidFieldException("meetingId", "meeting " + id + " is already over (it started " + meeting.start()
					+ "); a campaign can only call people to a meeting still to come");
		}
		if (meeting.status() == MeetingStatus.CANCELLED) {
			throw new InvalidFieldException("meetingId", "meeting " + id + " is cancelled");
		}
		return meeting;
	}

	private static Map<String, String> messages(Map<String, String> values) {
		if (values == null || values.isEmpty()) {
			throw new InvalidFieldException("message", "give the message in at least one language, e.g. {\"en\": \"...\"}");
		}
		Map<String, String> messages = new LinkedHashMap<>();
		values.forEach((language, text) -> {
			if (!LANGUAGES.contains(language)) {
				throw new InvalidFieldException("message." + language, "unknown language '" + language + "' (use en, es or ht)");
			}
			if (text == null || text.isBlank() || text.length() > MAX_MESSAGE) {
				throw new InvalidFieldException("message." + language, "give a text of 1 to " + MAX_MESSAGE + " characters");
			}
			messages.put(language, text.strip());
		});
		return messages;
	}

	private static Instant sendAt(String value, Instant now, Meeting meeting) {
		if (value == null || value.isBlank()) {
			return now;
		}
		Instant at;
		try {
			at = OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException e) {
			throw new InvalidFieldException("sendAt", "not an ISO-8601 time with offset, e.g. 2025-07-05T09:00:00-04:00");
		}
		if (!at.isBefore(meeting.start())) {
			throw new InvalidFieldException("sendAt", "must be before the meeting starts");
		}
		return at.isBefore(now) ? now : at;
	}

	private static List<Duration> reminders(List<String> values) {
		if (values == null) {
			return List.of();
		}
		if (values.size() > MAX_REMINDERS) {
			throw new InvalidFieldException("reminders", "at most " + MAX_REMINDERS + " reminders");
		}
		List<Duration> reminders = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			try {
				Duration lead = Duration.parse(values.get(i).strip());
				if (lead.isNegative() || lead.isZero() || lead.compareTo(Duration.ofDays(14)) > 0) {
					throw new DateTimeParseException("out of range", values.get(i), 0);
				}
				reminders.add(lead);
			}
			catch (DateTimeParseException | NullPointerException e) {
				throw new InvalidFieldException("reminders[" + i + "]", "an ISO-8601 duration before the meeting, e.g. PT24H");
			}
		}
		return reminders.stream().distinct().toList();
	}

	private static List<String> itemKeys(List<String> numbers, Meeting meeting) {
		if (numbers == null) {
			return List.of();
		}
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < numbers.size(); i++) {
			String number = numbers.get(i) == null ? "" : numbers.get(i).strip();
			String field = "items[" + i + "]";
			keys.add(meeting.items().stream().filter(item -> number.equals(item.number()) || number.equals(item.key()))
				.map(AgendaItem::key).findFirst()
				.orElseThrow(() -> new InvalidFieldException(field, "the meeting has no agenda item '" + number + "'")));
		}
		return keys;
	}

	/** The campaign, if it is this organization's; another organization's is answered as not found. */
	public CampaignView view(Organization organization, long id) {
		CampaignRepository.Campaign campaign = owned(organization, id);
		CampaignDeliveries.Counts counts = deliveries.counts(id);
		Map<String, Long> answers = repository.answers(id);
		return new CampaignView(id, campaign.meetingId(), campaign.status(), repository.audience(id), counts.sent(),
				counts.failed(), counts.pending(), counts.corrections(),
				new Rsvp(answers.getOrDefault("going", 0L), answers.getOrDefault("not-going", 0L)));
	}

	/** Cancels the campaign: what has not left (the call, its reminders) never will. */
	@Transactional
	public CampaignView cancel(Organization organization, long id) {
		owned(organization, id);
		repository.lock(id);
		repository.setStatus(id, "cancelled");
		int withdrawn = deliveries.withdraw(id, Set.of(FollowerMessage.Kind.CAMPAIGN, FollowerMessage.Kind.REMINDER),
				"campaign cancelled by its organizer");
		log.info("Campaign {} cancelled; {} message(s) withdrawn", id, withdrawn);
		return view(organization, id);
	}

	/** An admin approves a campaign that waited for approval; it goes out at its send time. */
	@Transactional
	public void approve(long id) {
		CampaignRepository.Campaign campaign = repository.lock(id)
			.orElseThrow(() -> new NotFoundException("no campaign " + id));
		if (!campaign.status().equals("awaiting-approval")) {
			throw new InvalidFieldException("status", "campaign " + id + " is " + campaign.status() + ", not awaiting approval");
		}
		repository.setStatus(id, "scheduled");
		if (!campaign.sendAt().isAfter(clock.instant())) {
			launch(id);
		}
	}

	/** Sends every scheduled campaign whose time has come; returns how many went. */
	public int sendDue() {
		int launched = 0;
		for (long id : repository.due(clock.instant())) {
			launched += launchInOwnTransaction(id) ? 1 : 0;
		}
		return launched;
	}

	private boolean launchInOwnTransaction(long id) {
		return Boolean.TRUE.equals(transactions.execute(status -> launch(id)));
	}

	/**
	 * Queues the call for every confirmed contact point of every follower, and its reminders; each person is
	 * counted in the audience once. Texts wait out quiet hours unless the meeting is within the critical window.
	 */
	private boolean launch(long id) {
		CampaignRepository.Campaign campaign = repository.lock(id).orElse(null);
		if (campaign == null || !campaign.status().equals("scheduled")) {
			return false;
		}
		Meeting meeting = meetings.find(campaign.meetingId()).orElse(null);
		Instant now = clock.instant();
		if (meeting == null || !meeting.start().isAfter(now) || meeting.status() == MeetingStatus.CANCELLED) {
			repository.setStatus(id, "expired");
			return false;
		}
		repository.recordAudience(id, campaign.organizationId());
		List<FollowerMessage> messages = new ArrayList<>();
		for (CampaignRepository.Destination to : repository.destinations(id)) {
			messages.add(new FollowerMessage("campaign:" + id + ":" + to.contactId(), to.followerId(), id, to.channel(),
					to.address(), FollowerMessage.Kind.CAMPAIGN, meeting.id(), null, null, null));
		}
		messages.addAll(reminders(campaign, meeting, now));
		int queued = deliveries.queue(messages, meeting.zone(), meetings.isWithinCriticalWindow(meeting));
		repository.launched(id, now);
		log.info("Campaign {} launched: {} follower(s), {} message(s) queued", id, repository.audience(id), queued);
		return true;
	}

	/** The reminders of a campaign for its audience, due before the meeting's current start; past ones are left out. */
	List<FollowerMessage> reminders(CampaignRepository.Campaign campaign, Meeting meeting, Instant now) {
		List<FollowerMessage> reminders = new ArrayList<>();
		for (Duration lead : campaign.reminders()) {
			Instant due = meeting.start().minus(lead);
			if (!due.isAfter(now)) {
				continue;
			}
			for (CampaignRepository.Destination to : repository.destinations(campaign.id())) {
				// Keyed on the start it was planned for: a meeting that moves gets new reminders, not the old ones.
				reminders.add(new FollowerMessage("campaign-reminder:" + campaign.id() + ":" + to.contactId() + ":" + lead
						+ ":" + meeting.start().getEpochSecond(), to.followerId(), campaign.id(), to.channel(), to.address(),
						FollowerMessage.Kind.REMINDER, meeting.id(), null, lead, due));
			}
		}
		return reminders;
	}

	private CampaignRepository.Campaign owned(Organization organization, long id) {
		return repository.find(id).filter(campaign -> campaign.organizationId() == organization.id())
			.orElseThrow(() -> new NotFoundException("no campaign " + id));
	}

}
