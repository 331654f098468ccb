package org.sunshine.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.sunshine.matching.InterestMatcher;
import org.sunshine.matching.Match;
import org.sunshine.matching.MatchedItem;
import org.sunshine.meeting.Change;
import org.sunshine.meeting.ChangeKind;
import org.sunshine.meeting.MeetingChanged;
import org.sunshine.subscription.Delivery;
import org.sunshine.subscription.Recipient;
import org.sunshine.subscription.Subscriptions;

/**
 * Decides who hears about a meeting change, and how: everyone whose interests it matches, and everyone
 * who was told about the meeting before when it moves, is cancelled, or an item they heard of is
 * withdrawn or retitled (a correction, whatever their terms say now). Critical changes go at once on
 * every confirmed channel; others wait for a digest or for the end of quiet hours. It runs inside the
 * transaction that stores the change, so the change and its messages commit together or not at all.
 */
@Component
class NotificationPlanner {

	private final InterestMatcher matcher;

	private final Subscriptions subscriptions;

	private final Outbox outbox;

	private final AlertSender sender;

	private final Reminders reminders;

	private final Digests digests;

	private final Clock clock;

	NotificationPlanner(InterestMatcher matcher, Subscriptions subscriptions, Outbox outbox, AlertSender sender,
			Reminders reminders, Digests digests, Clock clock) {
		this.matcher = matcher;
		this.subscriptions = subscriptions;
		this.outbox = outbox;
		this.sender = sender;
		this.reminders = reminders;
		this.digests = digests;
		this.clock = clock;
	}

	@EventListener
	void on(MeetingChanged event) {
		Instant now = clock.instant();
		if (event.meeting().start().isBefore(now)) {
			return; // A meeting already under way or over: an alert can no longer help anyone attend.
		}
		reminders.follow(event, now);
		Map<Long, List<Match>> matched = matcher.match(event).stream()
			.collect(Collectors.groupingBy(Match::subscriberId, LinkedHashMap::new, Collectors.toList()));
		Map<Long, Set<String>> told = outbox.toldAbout(event.meeting().id());
		Set<Long> recipients = new LinkedHashSet<>(matched.keySet());
		recipients.addAll(toCorrect(event, told));
		for (long subscriberId : recipients) {
			Recipient recipient = subscriptions.recipient(subscriberId).orElse(null);
			if (recipient == null || recipient.confirmed().isEmpty()) {
				continue;
			}
			List<Match> matches = matched.getOrDefault(subscriberId, List.of());
			List<String> itemKeys = itemKeys(matches);
			if (!matches.isEmpty()) {
				reminders.schedule(subscriberId, event.meeting(), recipient.reminders(), now);
			}
			if (!event.critical() && recipient.delivery() != Delivery.IMMEDIATE) {
				digests.hold(recipient, event, matches, itemKeys, now);
			}
			else {
				Set<String> relevant = new LinkedHashSet<>(itemKeys);
				relevant.addAll(told.getOrDefault(subscriberId, Set.of()));
				sender.alert(recipient, event, matches, itemKeys, relevant, now);
			}
		}
	}

	/** Those told about this meeting before whom this change makes wrong: the move, the cancellation, their item. */
	private static Set<Long> toCorrect(MeetingChanged event, Map<Long, Set<String>> told) {
		boolean wholeMeeting = event.has(ChangeKind.RESCHEDULED) || event.has(ChangeKind.CANCELLED)
				|| event.has(ChangeKind.REINSTATED);
		Set<String> correctedItems = event.changes().stream()
			.filter(change -> change.kind() == ChangeKind.ITEM_REMOVED
					|| (change.kind() == ChangeKind.ITEM_CHANGED && "title".equals(change.field())))
			.map(Change::itemKey)
			.collect(Collectors.toSet());
		if (!wholeMeeting && correctedItems.isEmpty()) {
			return Set.of();
		}
		return told.entrySet().stream()
			.filter(entry -> wholeMeeting || entry.getValue().stream().anyMatch(correctedItems::contains))
			.map(Map.Entry::getKey)
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/** The agenda items a message about this change tells its reader about. */
	private static List<String> itemKeys(List<Match> matches) {
		return matches.stream().flatMap(match -> match.items().stream()).map(MatchedItem::key).distinct().toList();
	}

}
