package org.sunshine.notification;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingCalendar;
import org.sunshine.meeting.MeetingRevision;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;
import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.subscription.Channel;
import org.sunshine.subscription.Recipient;
import org.sunshine.subscription.Subscriptions;

/**
 * Renders a planned message as it leaves: the alert, reminder or digest in the recipient's language, with
 * link tokens minted now (only their hashes are stored) and, for email, the meeting's calendar file. What
 * several messages of one batch share (the revision, the meeting, its calendar file) is read once.
 */
@Component
class MessageRenderer {

	private final AlertComposer alerts;

	private final ReminderComposer reminders;

	private final Digests digests;

	private final MessagePlans plans;

	private final Meetings meetings;

	private final Subscriptions subscriptions;

	private final ChannelProperties channels;

	private final CampaignComposer campaigns;

	private final ObjectProvider<CampaignContent> campaignContent;

	MessageRenderer(AlertComposer alerts, ReminderComposer reminders, Digests digests, MessagePlans plans,
			Meetings meetings, Subscriptions subscriptions, ChannelProperties channels, CampaignComposer campaigns,
			ObjectProvider<CampaignContent> campaignContent) {
		this.campaigns = campaigns;
		this.campaignContent = campaignContent;
		this.alerts = alerts;
		this.reminders = reminders;
		this.digests = digests;
		this.plans = plans;
		this.meetings = meetings;
		this.subscriptions = subscriptions;
		this.channels = channels;
	}

	/** What the messages of one claimed batch share; not thread-safe, one per sender's batch. */
	final class Batch {

		private final Map<Long, Optional<MeetingRevision>> revisions = new HashMap<>();

		private final Map<Long, Optional<Meeting>> meetingsById = new HashMap<>();

		private final Map<String, String> calendars = new HashMap<>();

		private Optional<MeetingRevision> revision(long id) {
			return revisions.computeIfAbsent(id, meetings::revision);
		}

		private Optional<Meeting> meeting(long id) {
			return meetingsById.computeIfAbsent(id, meetings::find);
		}

		private String calendar(Meeting meeting, Instant now) {
			return calendars.computeIfAbsent(meeting.id() + ":" + meeting.sequence(),
					key -> isCancelled(meeting) ? MeetingCalendar.cancel(meeting, now)
							: MeetingCalendar.publish(null, List.of(meeting), now));
		}

	}

	Batch batch() {
		return new Batch();
	}

	/**
	 * A campaign message, reminder or correction to a follower, from the meeting as it is now and the
	 * organization's words; empty when the campaign, the follower or the meeting is gone, or the meeting is over.
	 */
	Optional<OutboxMessage.Rendered> renderForFollower(OutboxMessage message, Batch batch, Instant now) {
		if (message.rendered() != null) {
			return Optional.of(message.rendered());
		}
		CampaignContent content = campaignContent.getIfAvailable();
		Meeting meeting = batch.meeting(message.meetingId()).orElse(null);
		if (content == null || meeting == null || message.campaignId() == null
				|| (meeting.start().isBefore(now) && meeting.status() != MeetingStatus.CANCELLED)) {
			return Optional.empty();
		}
		FollowerMessage.Kind kind = java.util.Arrays.stream(FollowerMessage.Kind.values())
			.filter(k -> k.value().equals(message.kind())).findFirst().orElseThrow();
		MeetingRevision correction = message.revisionId() == null ? null : batch.revision(message.revisionId()).orElse(null);
		java.time.Duration lead = message.planId() == null ? null : plans.get(message.planId()).lead();
		return content.letter(message.campaignId(), message.followerId()).map(letter -> {
			if (message.channel() != Channel.EMAIL) {
				return OutboxMessage.Rendered.sms(campaigns.sms(kind, letter, meeting, correction, lead));
			}
			AlertComposer.Email email = campaigns.email(kind, letter, meeting, correction, lead);
			// One click in a mail client leaves this organization only, never the person's topic alerts.
			Map<String, String> headers = Map.of("List-Unsubscribe", "<" + letter.leaveUrl() + ">",
					"List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			String ics = batch.calendar(meeting, now);
			return new OutboxMessage.Rendered(email.subject(), email.text(), email.html(), headers, ics,
					isCancelled(meeting) ? "CANCEL" : "PUBLISH");
		});
	}

	/** The message as it leaves now; empty when there is nothing left to say (its meeting is gone or over). */
	Optional<OutboxMessage.Rendered> render(OutboxMessage message, Recipient recipient, Batch batch, Instant now) {
		if (message.rendered() != null) {
			return Optional.of(message.rendered());
		}
		MessagePlan plan = plans.get(message.planId());
		boolean email = message.channel() == Channel.EMAIL;
		AlertComposer.Links links = email ? links(recipient) : null;
		if (plan.digestKey() != null) {
			return digests.compose(recipient, plan.digestKey(), plan.period(), now)
				.map(digest -> email ? email(digest.email(links), links, null, now, batch)
						: OutboxMessage.Rendered.sms(digest.sms()));
		}
		if (plan.lead() != null) {
			return batch.meeting(message.meetingId()).map(meeting -> {
				List<AgendaItem> items = meeting.items().stream().filter(item -> message.itemKeys().contains(item.key()))
					.toList();
				return email
						? email(reminders.email(recipient, meeting, items, plan.lead(), links), links, meeting, now, batch)
						: OutboxMessage.Rendered.sms(reminders.sms(recipient, meeting, items, plan.lead()));
			});
		}
		return batch.revision(message.revisionId()).map(revision -> {
			var relevant = new LinkedHashSet<>(plan.relevantItems());
			return email
					? email(alerts.email(revision, plan.matches(), recipient, links, relevant), links, revision.meeting(),
							now, batch)
					: OutboxMessage.Rendered.sms(alerts.sms(revision, plan.matches(), recipient, relevant));
		});
	}

	private OutboxMessage.Rendered email(AlertComposer.Email email, AlertComposer.Links links, Meeting meeting,
			Instant now, Batch batch) {
		String ics = meeting == null ? null : batch.calendar(meeting, now);
		String method = meeting == null ? null : isCancelled(meeting) ? "CANCEL" : "PUBLISH";
		return new OutboxMessage.Rendered(email.subject(), email.text(), email.html(), headers(links), ics,
				method);
	}

	private static boolean isCancelled(Meeting meeting) {
		return meeting.status() == MeetingStatus.CANCELLED;
	}

	/** A fresh link token per message: only hashes are stored, so old links cannot be re-derived. */
	private AlertComposer.Links links(Recipient recipient) {
		String base = channels.baseUrl() + "/s/" + subscriptions.issueLinkToken(recipient.subscriberId());
		return new AlertComposer.Links(base, base + "/unsubscribe");
	}

	private Map<String, String> headers(AlertComposer.Links links) {
		return Map.of("List-Unsubscribe", "<" + links.unsubscribeUrl() + ">, <mailto:" + unsubscribeMailbox()
				+ "?subject=unsubscribe>", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
	}

	/** The bare address of sunshine.mail.from ("Sunshine <alerts@example.org>" gives alerts@example.org). */
	private String unsubscribeMailbox() {
		String from = channels.mail().from();
		int open = from.indexOf('<');
		return open >= 0 ? from.substring(open + 1, from.indexOf('>', open)) : from.strip();
	}

}
