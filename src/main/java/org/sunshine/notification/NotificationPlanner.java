package org.sunshine.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.sunshine.matching.InterestMatcher;
import org.sunshine.matching.Match;
import org.sunshine.matching.MatchedItem;
import org.sunshine.meeting.Change;
import org.sunshine.meeting.ChangeKind;
import org.sunshine.meeting.MeetingChanged;
import org.sunshine.meeting.MeetingRevision;
import org.sunshine.meeting.Meetings;
import org.sunshine.subscription.Delivery;
import org.sunshine.subscription.Recipient;
import org.sunshine.subscription.Subscriptions;

/**
 * Decides who hears about a meeting change, and how: everyone whose interests it matches, and everyone
 * who was told about the meeting before when it moves, is cancelled, or an item they heard of is
 * withdrawn or retitled (a correction, whatever their terms say now). Critical changes go at once on
 * every confirmed channel; others wait for a digest or for the end of quiet hours.
 * <p>
 * It runs after the poll's transaction has committed, from the durable {@link MeetingChanged} event, in a
 * transaction of its own: a failure here is retried and never fails or rolls back a poll. Planning is
 * set-based: recipients are read in batches and messages, reminders and digest entries written with
 * batched statements; nothing is rendered here (the senders render each message as it leaves).
 * <p>
 * A broadcast's messages are committed a batch of recipients at a time, each batch in a transaction of its own,
 * so that the senders start on the first thousand while the rest are planned (at 10,000 recipients planning took
 * most of a second before anything left, with one of the two cores idle). Everything else the change causes
 * (reminders, digest entries, reminders moved) commits with the event's transaction, at the end. If planning
 * fails after some messages were committed, those leave, and the retry plans the rest: each message's
 * idempotency key (subscriber, revision, channel) keeps the retry from queueing one twice.
 */
@Component
class NotificationPlanner {

	private static final Logger log = LoggerFactory.getLogger(NotificationPlanner.class);

	private final Meetings meetings;

	private final InterestMatcher matcher;

	private final Subscriptions subscriptions;

	private final Outbox outbox;

	private final MessagePlans plans;

	private final AlertSender sender;

	private final Reminders reminders;

	private final ReminderRows reminderRows;

	private final Digests digests;

	private final Clock clock;

	private final DeliveryMetrics metrics;

	private final TransactionTemplate ownTransaction;

	private final int recipientsPerCommit;

	private final OutboxDispatcher dispatcher;

	NotificationPlanner(Meetings meetings, InterestMatcher matcher, Subscriptions subscriptions, Outbox outbox,
			MessagePlans plans, AlertSender sender, Reminders reminders, ReminderRows reminderRows, Digests digests, Clock clock,
			DeliveryMetrics metrics, PlatformTransactionManager transactions, NotificationProperties properties,
			OutboxDispatcher dispatcher) {
		this.meetings = meetings;
		this.matcher = matcher;
		this.subscriptions = subscriptions;
		this.outbox = outbox;
		this.plans = plans;
		this.sender = sender;
		this.reminders = reminders;
		this.reminderRows = reminderRows;
		this.digests = digests;
		this.clock = clock;
		this.metrics = metrics;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.recipientsPerCommit = Math.max(1, properties.recipientsPerCommit());
		this.dispatcher = dispatcher;
	}

	@ApplicationModuleListener
	void on(MeetingChanged event) {
		plan(event.revisionId(), event.meetingId());
	}

	/** Plans every message, reminder and digest entry a revision causes; idempotent (keys per person and revision). */
	int plan(long revisionId, long meetingId) {
		meetings.lock(meetingId);
		MeetingRevision revision = meetings.revision(revisionId).orElse(null);
		Instant now = clock.instant();
		if (revision == null || revision.meeting().start().isBefore(now)) {
			return 0; // Gone, or already under way or over: an alert can no longer help anyone attend.
		}
		long started = System.nanoTime();
		reminders.follow(revision, now);
		Map<Long, List<Match>> matched = matcher.match(revision).stream()
			.collect(Collectors.groupingBy(Match::subscriberId, LinkedHashMap::new, Collectors.toList()));
		metrics.matched(matched.values().stream().mapToInt(List::size).sum());
		Map<Long, Set<String>> told = outbox.toldAbout(revision.meeting().id());
		Set<Long> ids = new LinkedHashSet<>(matched.keySet());
		ids.addAll(toCorrect(revision, told));

		long matchedAt = System.nanoTime();
		Decisions decisions = new Decisions(revision, matched, told, now);
		int queued = 0;
		List<Long> all = List.copyOf(ids);
		try (OutboxDispatcher.Planning first = all.size() > recipientsPerCommit ? dispatcher.planning() : () -> { }) {
			for (int from = 0; from < all.size(); from += recipientsPerCommit) {
				List<OutboxMessage> messages = decisions.messagesFor(
						subscriptions.recipients(all.subList(from, Math.min(from + recipientsPerCommit, all.size()))));
				// Committed now, so the senders (woken by the commit) start on these while the rest are planned.
				queued += ownTransaction.execute(status -> sender.queue(messages, now));
			}
		}
		long decidedAt = System.nanoTime();
		reminderRows.insert(decisions.reminders);
		digests.hold(revision, decisions.held, now);
		long doneAt = System.nanoTime();
		metrics.planned(Duration.ofNanos(decidedAt - started), Duration.ofNanos(doneAt - started));
		log.info("Revision {}: {} recipient(s), {} message(s) queued, {} held for digests, {} reminder(s) in {} ms "
				+ "(matching {} ms, recipients, plans and messages {} ms, reminders and digests {} ms)", revisionId,
				ids.size(), queued, decisions.held.size(), decisions.reminders.size(), millis(started, doneAt),
				millis(started, matchedAt), millis(matchedAt, decidedAt), millis(decidedAt, doneAt));
		return queued;
	}

	/** What one revision means for each of its recipients, gathered as their batches come. */
	private final class Decisions {

		private final MeetingRevision revision;

		private final Map<Long, List<Match>> matched;

		private final Map<Long, Set<String>> told;

		private final Instant now;

		private final Map<MessagePlan, Long> planIds = new HashMap<>();

		final List<ReminderRows.Planned> reminders = new ArrayList<>();

		final List<Digests.Held> held = new ArrayList<>();

		Decisions(MeetingRevision revision, Map<Long, List<Match>> matched, Map<Long, Set<String>> told, Instant now) {
			this.revision = revision;
			this.matched = matched;
			this.told = told;
			this.now = now;
		}

		/** The messages to send these recipients now; their reminders and digest entries are kept for later. */
		List<OutboxMessage> messagesFor(List<Recipient> recipients) {
			List<OutboxMessage> messages = new ArrayList<>();
			for (Recipient recipient : recipients) {
				if (recipient.confirmed().isEmpty()) {
					continue;
				}
				long subscriberId = recipient.subscriberId();
				List<Match> matches = matched.getOrDefault(subscriberId, List.of());
				List<String> itemKeys = itemKeys(matches);
				if (!matches.isEmpty()) {
					ReminderRows.plan(subscriberId, revision.meeting(), recipient.reminders(), now, reminders);
				}
				if (!revision.critical() && recipient.delivery() != Delivery.IMMEDIATE) {
					held.add(new Digests.Held(subscriberId, matches, itemKeys));
					continue;
				}
				Set<String> relevant = new LinkedHashSet<>(itemKeys);
				relevant.addAll(told.getOrDefault(subscriberId, Set.of()));
				// Plans are shared: the same reasons for the same revision are stored once for everyone they concern.
				MessagePlan plan = MessagePlan.alert(anonymous(matches), List.copyOf(relevant));
				long planId = planIds.computeIfAbsent(plan, p -> plans.idOf(p, now));
				messages.addAll(sender.alerts(recipient, revision, planId, itemKeys, now));
			}
			return messages;
		}

	}

	private static long millis(long from, long to) {
		return (to - from) / 1_000_000;
	}

	/** Those told about this meeting before whom this change makes wrong: the move, the cancellation, their item. */
	private static Set<Long> toCorrect(MeetingRevision revision, Map<Long, Set<String>> told) {
		boolean wholeMeeting = revision.has(ChangeKind.RESCHEDULED) || revision.has(ChangeKind.CANCELLED)
				|| revision.has(ChangeKind.REINSTATED);
		Set<String> correctedItems = revision.changes().stream()
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

	/** Matches without whose they are, so that everyone hit for the same reasons shares one plan. */
	private static List<Match> anonymous(List<Match> matches) {
		return matches.stream()
			.map(match -> new Match(0, 0, match.terms(), match.items(), match.meetingSnippet(), match.documents()))
			.distinct()
			.toList();
	}

	/** The agenda items a message about this change tells its reader about. */
	private static List<String> itemKeys(List<Match> matches) {
		return matches.stream().flatMap(match -> match.items().stream()).map(MatchedItem::key).distinct().toList();
	}

}
