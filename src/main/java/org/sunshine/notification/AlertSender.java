package org.sunshine.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.sunshine.matching.Match;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingCalendar;
import org.sunshine.meeting.MeetingChanged;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.subscription.Channel;
import org.sunshine.subscription.ContactPoint;
import org.sunshine.subscription.Recipient;
import org.sunshine.subscription.Subscriptions;

/**
 * Queues one message per confirmed contact point of a recipient: the alert about a change, a reminder, or
 * a digest. Emails get fresh manage/unsubscribe links and the meeting's calendar file; routine SMS wait
 * out the recipient's quiet hours. Keys make every queueing idempotent.
 */
@Component
class AlertSender {

	private final AlertComposer alerts;

	private final ReminderComposer reminders;

	private final Outbox outbox;

	private final Subscriptions subscriptions;

	private final ChannelProperties channels;

	private final NotificationProperties properties;

	private final ApplicationEventPublisher events;

	AlertSender(AlertComposer alerts, ReminderComposer reminders, Outbox outbox, Subscriptions subscriptions,
			ChannelProperties channels, NotificationProperties properties, ApplicationEventPublisher events) {
		this.alerts = alerts;
		this.reminders = reminders;
		this.outbox = outbox;
		this.subscriptions = subscriptions;
		this.channels = channels;
		this.properties = properties;
		this.events = events;
	}

	void alert(Recipient recipient, MeetingChanged event, List<Match> matches, List<String> itemKeys,
			java.util.Set<String> relevantItems, Instant now) {
		Meeting meeting = event.meeting();
		String kind = AlertComposer.primaryKind(event);
		boolean added = false;
		for (ContactPoint point : recipient.confirmed()) {
			String key = "alert:" + recipient.subscriberId() + ":" + event.revisionId() + ":" + point.channel().name();
			OutboxMessage message;
			if (point.channel() == Channel.EMAIL) {
				AlertComposer.Links links = links(recipient);
				AlertComposer.Email email = alerts.email(event, matches, recipient, links, relevantItems);
				message = withCalendar(OutboxMessage.email(key, recipient.subscriberId(), point.address(), kind, meeting.id(),
						email.subject(), email.text(), email.html(), headers(links)), meeting, now);
			}
			else {
				message = OutboxMessage.sms(key, recipient.subscriberId(), point.address(), kind, meeting.id(),
						alerts.sms(event, matches, recipient, relevantItems));
				message = event.critical() ? message : message.heldUntil(quietRelease(recipient, meeting, now));
			}
			added |= outbox.enqueue(message.about(itemKeys), now);
		}
		filled(added);
	}

	void remind(Recipient recipient, Meeting meeting, Duration lead, Instant now) {
		List<String> told = List.copyOf(outbox.toldAbout(meeting.id()).getOrDefault(recipient.subscriberId(), java.util.Set.of()));
		List<AgendaItem> items = meeting.items().stream().filter(item -> told.contains(item.key())).toList();
		boolean added = false;
		for (ContactPoint point : recipient.confirmed()) {
			String key = "reminder:" + recipient.subscriberId() + ":" + meeting.id() + ":" + lead + ":"
					+ meeting.start().getEpochSecond() + ":" + point.channel().name();
			OutboxMessage message;
			if (point.channel() == Channel.EMAIL) {
				AlertComposer.Links links = links(recipient);
				AlertComposer.Email email = reminders.email(recipient, meeting, items, lead, links);
				message = withCalendar(OutboxMessage.email(key, recipient.subscriberId(), point.address(), "reminder",
						meeting.id(), email.subject(), email.text(), email.html(), headers(links)), meeting, now);
			}
			else {
				message = OutboxMessage.sms(key, recipient.subscriberId(), point.address(), "reminder", meeting.id(),
						reminders.sms(recipient, meeting, items, lead));
				// A reminder held past the meeting is no use: hold it only if it still goes out in time.
				Instant release = quietRelease(recipient, meeting, now);
				message = release != null && release.isBefore(meeting.start()) ? message.heldUntil(release) : message;
			}
			added |= outbox.enqueue(message, now);
		}
		filled(added);
	}

	void digest(Recipient recipient, String slotKey, DigestComposer.Digest digest, Instant now) {
		boolean added = false;
		for (ContactPoint point : recipient.confirmed()) {
			String key = slotKey + ":" + point.channel().name();
			OutboxMessage message;
			if (point.channel() == Channel.EMAIL) {
				AlertComposer.Links links = links(recipient);
				AlertComposer.Email email = digest.email(links);
				message = OutboxMessage.email(key, recipient.subscriberId(), point.address(), "digest", null,
						email.subject(), email.text(), email.html(), headers(links));
			}
			else {
				message = OutboxMessage.sms(key, recipient.subscriberId(), point.address(), "digest", null, digest.sms());
			}
			added |= outbox.enqueue(message.about(digest.itemKeys()), now);
		}
		filled(added);
	}

	/** When a routine SMS may go: after the recipient's quiet hours (their own, or the default). */
	Instant quietRelease(Recipient recipient, Meeting meeting, Instant now) {
		QuietHours quiet = recipient.quietFrom() != null
				? new QuietHours(recipient.quietFrom(), recipient.quietTo())
				: new QuietHours(properties.quietFrom(), properties.quietTo());
		ZoneId zone = recipient.zone() != null ? recipient.zone() : meeting.zone();
		return quiet.releaseAt(now, zone);
	}

	private OutboxMessage withCalendar(OutboxMessage message, Meeting meeting, Instant now) {
		boolean cancelled = meeting.status() == MeetingStatus.CANCELLED;
		return message.withCalendar(cancelled ? MeetingCalendar.cancel(meeting, now)
				: MeetingCalendar.publish(null, List.of(meeting), now), cancelled ? "CANCEL" : "PUBLISH");
	}

	/** A fresh link token per message: only hashes are stored, so old links cannot be re-derived. */
	private AlertComposer.Links links(Recipient recipient) {
		String base = channels.baseUrl() + "/s/"
				+ subscriptions.issueLinkToken(recipient.subscriberId());
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

	private void filled(boolean added) {
		if (added) {
			events.publishEvent(new OutboxDispatcher.OutboxFilled());
		}
	}

}
