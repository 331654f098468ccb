package org.sunshine.campaign;

import java.text.Normalizer;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.Meetings;
import org.sunshine.notification.CampaignDeliveries;
import org.sunshine.notification.SmsReplies;
import org.sunshine.subscription.Channel;
import org.sunshine.subscription.InvalidLinkException;
import org.sunshine.subscription.LinkOutcome;

/**
 * Followers' answers to a campaign: by the link in its message ({@code /r/{token}}: GET shows the buttons, POST
 * answers, and an answer can be changed), or by texting GOING (VOY, M AP VINI) back to the number the campaign
 * came from. These words are not carrier keywords, so they never collide with YES, STOP, START or HELP.
 */
@Service
public class Rsvps {

	private static final Set<String> GOING_WORDS = Set.of("GOING", "IM GOING", "I M GOING", "VOY", "YO VOY", "M AP VINI", "MAP VINI",
			"MWEN AP VINI");

	private final CampaignRepository repository;

	private final Organizations organizations;

	private final Followers followers;

	private final Meetings meetings;

	private final CampaignDeliveries deliveries;

	private final SmsReplies replies;

	private final Clock clock;

	Rsvps(CampaignRepository repository, Organizations organizations, Followers followers, Meetings meetings,
			CampaignDeliveries deliveries, SmsReplies replies, Clock clock) {
		this.repository = repository;
		this.organizations = organizations;
		this.followers = followers;
		this.meetings = meetings;
		this.deliveries = deliveries;
		this.replies = replies;
		this.clock = clock;
	}

	/** What the RSVP page shows: the organization, the official meeting, and the answer given so far. */
	public record RsvpPage(String organization, String ask, String language, Meeting meeting, String answer,
			boolean following) {
	}

	public Optional<RsvpPage> page(String token) {
		return repository.resolveRsvp(token).flatMap(holder -> repository.find(holder.campaignId()).flatMap(campaign -> {
			Optional<Followers.Link> link = followers.link(holder.followerId());
			return organizations.byId(campaign.organizationId()).flatMap(organization -> meetings.find(campaign.meetingId())
				.map(meeting -> new RsvpPage(organization.name(), campaign.ask(),
						link.map(Followers.Link::language).orElse(organization.firstLanguage()), meeting,
						repository.answerOf(campaign.id(), holder.followerId()).orElse(null),
						link.map(Followers.Link::following).orElse(false))));
		}));
	}

	/** Answers (or changes the answer): going or not. */
	@Transactional
	public void answer(String token, boolean going) {
		CampaignRepository.RsvpHolder holder = repository.resolveRsvp(token).orElseThrow(InvalidLinkException::new);
		repository.answer(holder.campaignId(), holder.followerId(), going ? "going" : "not-going", "link", clock.instant());
	}

	/** Leaves the organization from its RSVP page (a text carries one link: this one). */
	@Transactional
	public LinkOutcome leave(String token) {
		CampaignRepository.RsvpHolder holder = repository.resolveRsvp(token).orElseThrow(InvalidLinkException::new);
		return followers.leave(holder.followerId(), "rsvp-page");
	}

	/** Whether a text is one of the words that answer "going". */
	public static boolean isGoing(String body) {
		if (body == null) {
			return false;
		}
		String word = Normalizer.normalize(body, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
			.replaceAll("[\\p{Punct}’]+", " ").replaceAll("\\s+", " ").strip().toUpperCase(Locale.ROOT);
		return GOING_WORDS.contains(word);
	}

	/**
	 * GOING by text: the answer to the latest campaign that reached the number; the reply names the organization.
	 * Empty when the text is not that word or no campaign reached the number.
	 */
	@Transactional
	public Optional<String> answerBySms(String number, String body) {
		if (!isGoing(body)) {
			return Optional.empty();
		}
		return deliveries.latestTo(Channel.SMS, number).flatMap(delivered -> repository.find(delivered.campaignId())
			.flatMap(campaign -> organizations.byId(campaign.organizationId())).map(organization -> {
				repository.answer(delivered.campaignId(), delivered.followerId(), "going", "sms", clock.instant());
				String language = followers.link(delivered.followerId()).map(Followers.Link::language)
					.orElse(organization.firstLanguage());
				return replies.reply(language, "reply-going", Map.of("organization", organization.name()));
			}));
	}

}
