package org.sunshine.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingRevision;
import org.sunshine.subscription.Channel;
import org.sunshine.subscription.ContactPoint;
import org.sunshine.subscription.Recipient;

/**
 * Queues one message per confirmed contact point of a recipient: the alert about a change, a reminder, or a
 * digest. Messages are queued as plans and rendered by the sender when they leave; routine SMS wait out the
 * recipient's quiet hours. Keys make every queueing idempotent.
 */
@Component
class AlertSender {

	private final Outbox outbox;

	private final MessagePlans plans;

	private final NotificationProperties properties;

	private final ApplicationEventPublisher events;

	AlertSender(Outbox outbox, MessagePlans plans, NotificationProperties properties, ApplicationEventPublisher events) {
		this.outbox = outbox;
		this.plans = plans;
		this.properties = properties;
		this.events = events;
	}

	/** The alert messages about one revision for one recipient, to be queued with others in one batch. */
	List<OutboxMessage> alerts(Recipient recipient, MeetingRevision revision, long planId, List<String> itemKeys,
			Instant now) {
		Meeting meeting = revision.meeting();
		String kind = AlertComposer.primaryKind(revision);
		List<OutboxMessage> messages = new ArrayList<>();
		for (ContactPoint point : recipient.confirmed()) {
			String key = "alert:" + recipient.subscriberId() + ":" + revision.revisionId() + ":" + point.channel().name();
			OutboxMessage message = OutboxMessage.planned(key, recipient.subscriberId(), point.channel(), point.address(),
					kind, meeting.id(), revision.revisionId(), planId, itemKeys);
			if (point.channel() == Channel.SMS && !revision.critical()) {
				message = message.heldUntil(quietRelease(recipient, meeting, now));
			}
			messages.add(message);
		}
		return messages;
	}

	void remind(Recipient recipient, Meeting meeting, Duration lead, List<String> toldItems, Instant now) {
		long planId = plans.idOf(MessagePlan.reminder(lead), now);
		List<OutboxMessage> messages = new ArrayList<>();
		for (ContactPoint point : recipient.confirmed()) {
			String key = "reminder:" + recipient.subscriberId() + ":" + meeting.id() + ":" + lead + ":"
					+ meeting.start().getEpochSecond() + ":" + point.channel().name();
			OutboxMessage message = OutboxMessage.planned(key, recipient.subscriberId(), point.channel(), point.address(),
					"reminder", meeting.id(), null, planId, toldItems);
			if (point.channel() == Channel.SMS) {
				// A reminder held past the meeting is no use: hold it only if it still goes out in time.
				Instant release = quietRelease(recipient, meeting, now);
				message = release != null && release.isBefore(meeting.start()) ? message.heldUntil(release) : message;
			}
			messages.add(message);
		}
		queue(messages, now);
	}

	void digest(Recipient recipient, String digestKey, String period, List<String> itemKeys, Instant now) {
		long planId = plans.idOf(MessagePlan.digest(digestKey, period), now);
		List<OutboxMessage> messages = new ArrayList<>();
		for (ContactPoint point : recipient.confirmed()) {
			messages.add(OutboxMessage.planned(digestKey + ":" + point.channel().name(), recipient.subscriberId(),
					point.channel(), point.address(), "digest", null, null, planId, itemKeys));
		}
		queue(messages, now);
	}

	/** Queues the messages with batched statements and wakes the senders after commit. */
	int queue(List<OutboxMessage> messages, Instant now) {
		int added = messages.isEmpty() ? 0 : outbox.enqueueAll(messages, now);
		if (added > 0) {
			events.publishEvent(new OutboxDispatcher.OutboxFilled());
		}
		return added;
	}

	/** When a routine SMS may go: after the recipient's quiet hours (their own, or the default). */
	Instant quietRelease(Recipient recipient, Meeting meeting, Instant now) {
		return quietRelease(recipient, recipient.zone() != null ? recipient.zone() : meeting.zone(), now);
	}

	/** When a routine SMS may go, in the given zone. */
	Instant quietRelease(Recipient recipient, ZoneId zone, Instant now) {
		QuietHours quiet = recipient.quietFrom() != null
				? new QuietHours(recipient.quietFrom(), recipient.quietTo())
				: new QuietHours(properties.quietFrom(), properties.quietTo());
		return quiet.releaseAt(now, zone);
	}

}
