package org.sunshine.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingCalendar;
import org.sunshine.meeting.MeetingRevision;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;
import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.system.PublicUrl;
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

	/**
	 * Stands in for a link token in a shared rendering: URL-safe, so no template escapes or wraps it, and
	 * random per process, so no feed text can contain it.
	 */
	private static final String TOKEN_STAND_IN = "Tk" + UUID.randomUUID().toString().replace("-", "") + "Tk";

	/** What marks an organizer's test send of a campaign (before an email's subject, a text's first word). */
	private static final String TEST_EMAIL = "[TEST] ";

	private static final String TEST_SMS = "TEST: ";

	/**
	 * Alerts rendered lately, shared by the batches of a broadcast: a revision and a plan never change, so
	 * only the calendar file's timestamp ages, and a minute is nothing to it.
	 */
	private final Cache<String, Optional<OutboxMessage.Rendered>> recent = Caffeine.newBuilder()
		.maximumSize(1_000)
		.expireAfterWrite(Duration.ofMinutes(1))
		.build();

	/**
	 * Revisions read lately, shared by the batches of a broadcast as the alerts are: each batch of fifty read
	 * its revision with the meeting and its items again, a twentieth of a sender's time.
	 */
	private final Cache<Long, Optional<MeetingRevision>> recentRevisions = Caffeine.newBuilder()
		.maximumSize(100)
		.expireAfterWrite(Duration.ofMinutes(1))
		.build();

	private final AlertComposer alerts;

	private final ReminderComposer reminders;

	private final Digests digests;

	private final MessagePlans plans;

	private final Meetings meetings;

	private final Subscriptions subscriptions;

	private final ChannelProperties channels;

	private final PublicUrl publicUrl;

	private final CampaignComposer campaigns;

	private final ObjectProvider<CampaignContent> campaignContent;

	MessageRenderer(AlertComposer alerts, ReminderComposer reminders, Digests digests, MessagePlans plans,
			Meetings meetings, Subscriptions subscriptions, ChannelProperties channels, PublicUrl publicUrl,
			CampaignComposer campaigns, ObjectProvider<CampaignContent> campaignContent) {
		this.campaigns = campaigns;
		this.campaignContent = campaignContent;
		this.alerts = alerts;
		this.reminders = reminders;
		this.digests = digests;
		this.plans = plans;
		this.meetings = meetings;
		this.subscriptions = subscriptions;
		this.channels = channels;
		this.publicUrl = publicUrl;
	}

	/**
	 * What the messages of one claimed batch share: the revision, the meeting and its calendar file, one link
	 * token per subscriber (minted together), and each alert or reminder rendered once per audience (language
	 * and zone) with a stand-in for the link token, which each message swaps for its own. Not thread-safe: one
	 * per sender's batch.
	 */
	final class Batch {

		private final Map<Long, Optional<MeetingRevision>> revisions = new HashMap<>();

		private final Map<Long, Optional<Meeting>> meetingsById = new HashMap<>();

		private final Map<String, String> calendars = new HashMap<>();

		private final Map<String, Optional<OutboxMessage.Rendered>> shared = new HashMap<>();

		private final Map<Long, String> tokens = new HashMap<>();

		/** When the poll saw the change a message is about. */
		Optional<java.time.Instant> detectedAt(long revisionId) {
			return revision(revisionId).map(MeetingRevision::detectedAt);
		}

		private Optional<MeetingRevision> revision(long id) {
			return revisions.computeIfAbsent(id, key -> recentRevisions.get(key, meetings::revision));
		}

		private Optional<Meeting> meeting(long id) {
			return meetingsById.computeIfAbsent(id, meetings::find);
		}

		private String calendar(Meeting meeting, Instant now) {
			return calendars.computeIfAbsent(meeting.id() + ":" + meeting.sequence(),
					key -> isCancelled(meeting) ? MeetingCalendar.cancel(meeting, now)
							: MeetingCalendar.publish(null, List.of(meeting), now));
		}

		/** Mints, in one statement, the link tokens of the emails about to be rendered. */
		void prepare(List<OutboxMessage> messages) {
			List<Long> subscribers = messages.stream()
				.filter(m -> m.channel() == Channel.EMAIL && m.rendered() == null && m.subscriberId() != null)
				.map(OutboxMessage::subscriberId).filter(id -> !tokens.containsKey(id)).distinct().toList();
			tokens.putAll(subscriptions.issueLinkTokens(subscribers));
		}

		private String token(long subscriberId) {
			return tokens.computeIfAbsent(subscriberId, subscriptions::issueLinkToken);
		}

		/**
		 * Rendered once per audience and key, in this batch or (when {@code lasting}, for what depends only on
		 * stored revisions and plans) in any batch of the last minute; the stand-in token is replaced by the
		 * recipient's own.
		 */
		private Optional<OutboxMessage.Rendered> once(String key, Recipient recipient, boolean lasting,
				Supplier<Optional<OutboxMessage.Rendered>> render) {
			String audience = key + "|" + recipient.language() + "|" + recipient.zone();
			Optional<OutboxMessage.Rendered> rendering = lasting ? recent.get(audience, k -> render.get())
					: shared.computeIfAbsent(audience, k -> render.get());
			return rendering.map(rendered -> withToken(rendered, token(recipient.subscriberId())));
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
		if (message.isCampaignTest()) {
			return content.testLetter(message.campaignId(), plans.get(message.planId()).language())
				.map(letter -> testRendering(message.channel(), letter, meeting, batch, now));
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

	/**
	 * The campaign's call as a follower gets it, marked as a test: "[TEST] " before the subject and atop the
	 * body, "TEST: " before the text. No List-Unsubscribe: the organizer follows nothing to leave.
	 */
	private OutboxMessage.Rendered testRendering(Channel channel, CampaignContent.Letter letter, Meeting meeting,
			Batch batch, Instant now) {
		if (channel != Channel.EMAIL) {
			return OutboxMessage.Rendered.sms(campaigns.sms(FollowerMessage.Kind.CAMPAIGN, letter, meeting, null, null,
					TEST_SMS));
		}
		AlertComposer.Email email = campaigns.email(FollowerMessage.Kind.CAMPAIGN, letter, meeting, null, null);
		String html = email.html().replaceFirst("(<body[^>]*>)", "$1\n<p style=\"margin: 0 0 12px; padding: 8px 12px; "
				+ "background: #fff4ce; font-weight: bold;\">" + TEST_EMAIL.strip() + "</p>");
		return new OutboxMessage.Rendered(TEST_EMAIL + email.subject(), TEST_EMAIL.strip() + "\n\n" + email.text(), html,
				Map.of(), batch.calendar(meeting, now), isCancelled(meeting) ? "CANCEL" : "PUBLISH");
	}

	/** The message as it leaves now; empty when there is nothing left to say (its meeting is gone or over). */
	Optional<OutboxMessage.Rendered> render(OutboxMessage message, Recipient recipient, Batch batch, Instant now) {
		if (message.rendered() != null) {
			return Optional.of(message.rendered());
		}
		MessagePlan plan = plans.get(message.planId());
		boolean email = message.channel() == Channel.EMAIL;
		if (plan.digestKey() != null) {
			// A digest is one person's own list: rendered for them alone.
			AlertComposer.Links links = email ? links(batch.token(recipient.subscriberId())) : null;
			return digests.compose(recipient, plan.digestKey(), plan.period(), now)
				.map(digest -> email ? email(digest.email(links), links, null, now, batch)
						: OutboxMessage.Rendered.sms(digest.sms()));
		}
		// Alerts and reminders depend on the recipient only through their language and zone (the composers
		// read nothing else of them), so one rendering serves everyone of the same audience in this batch.
		AlertComposer.Links links = email ? links(TOKEN_STAND_IN) : null;
		if (plan.lead() != null) {
			String key = message.channel() + ":reminder:" + message.planId() + ":" + message.meetingId() + ":"
					+ String.join("\n", message.itemKeys());
			Supplier<Optional<OutboxMessage.Rendered>> reminder = () -> batch.meeting(message.meetingId()).map(meeting -> {
				List<AgendaItem> items = meeting.items().stream().filter(item -> message.itemKeys().contains(item.key()))
					.toList();
				return email
						? email(reminders.email(recipient, meeting, items, plan.lead(), links), links, meeting, now, batch)
						: OutboxMessage.Rendered.sms(reminders.sms(recipient, meeting, items, plan.lead(), page(meeting.id())));
			});
			return email ? batch.once(key, recipient, false, reminder) : reminder.get();
		}
		String key = message.channel() + ":alert:" + message.planId() + ":" + message.revisionId();
		Supplier<Optional<OutboxMessage.Rendered>> alert = () -> batch.revision(message.revisionId()).map(revision -> {
			var relevant = new LinkedHashSet<>(plan.relevantItems());
			return email
					? email(alerts.email(revision, plan.matches(), recipient, links, relevant), links, revision.meeting(),
							now, batch)
					: OutboxMessage.Rendered.sms(alerts.sms(revision, plan.matches(), recipient, relevant,
							page(revision.meeting().id())));
		});
		return email ? batch.once(key, recipient, true, alert) : alert.get();
	}

	/** The shared rendering with the recipient's own link token in place of the stand-in. */
	private static OutboxMessage.Rendered withToken(OutboxMessage.Rendered rendered, String token) {
		Map<String, String> headers = new LinkedHashMap<>();
		rendered.headers().forEach((name, value) -> headers.put(name, value.replace(TOKEN_STAND_IN, token)));
		return new OutboxMessage.Rendered(rendered.subject().replace(TOKEN_STAND_IN, token),
				rendered.text().replace(TOKEN_STAND_IN, token),
				rendered.html() == null ? null : rendered.html().replace(TOKEN_STAND_IN, token), headers, rendered.ics(),
				rendered.icsMethod());
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

	/** Sunshine's page for a meeting: a link short enough for a text. */
	private String page(long meetingId) {
		return publicUrl.base() + "/meetings/" + meetingId;
	}

	/** Links with a fresh token per message and recipient: only hashes are stored, so links cannot be re-derived. */
	private AlertComposer.Links links(String token) {
		String base = publicUrl.base() + "/s/" + token;
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
