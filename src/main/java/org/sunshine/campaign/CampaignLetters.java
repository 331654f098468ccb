package org.sunshine.campaign;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.sunshine.notification.CampaignContent;
import org.sunshine.notification.CampaignDeliveries;
import org.sunshine.subscription.Channel;

/**
 * Answers the senders as a campaign message leaves: whether the follower still wants it, and the organization's
 * words in the follower's language (else the organization's first), with RSVP and leave links minted now.
 */
@Component
class CampaignLetters implements CampaignContent {

	private final CampaignRepository campaigns;

	private final Organizations organizations;

	private final Followers followers;

	private final FollowerRepository followerRepository;

	private final CampaignDeliveries deliveries;

	private final Clock clock;

	CampaignLetters(CampaignRepository campaigns, Organizations organizations, Followers followers,
			FollowerRepository followerRepository, CampaignDeliveries deliveries, Clock clock) {
		this.campaigns = campaigns;
		this.organizations = organizations;
		this.followers = followers;
		this.followerRepository = followerRepository;
		this.deliveries = deliveries;
		this.clock = clock;
	}

	@Override
	public boolean mayReceive(long followerId, Channel channel, String destination, boolean confirmation) {
		return followers.mayReceive(followerId, channel, destination, confirmation);
	}

	@Override
	public Optional<Letter> letter(long campaignId, long followerId) {
		return campaigns.find(campaignId).flatMap(campaign -> organizations.byId(campaign.organizationId())
			.flatMap(organization -> followerRepository.follower(followerId).map(follower -> {
				String language = campaign.messages().containsKey(follower.language()) ? follower.language()
						: campaign.messages().containsKey(organization.firstLanguage()) ? organization.firstLanguage()
								: campaign.messages().keySet().iterator().next();
				String base = deliveries.baseUrl();
				String rsvp = base + "/r/" + campaigns.issueRsvpToken(campaignId, followerId, clock.instant());
				String leave = base + "/f/" + followers.leaveToken(followerId) + "/leave";
				boolean going = campaigns.answerOf(campaignId, followerId).filter("going"::equals).isPresent();
				// The message is written in the follower's language when the organization wrote in it; the facts
				// around it follow the follower's language regardless.
				return new Letter(organization.name(), follower.language(), campaign.messages().get(language),
						campaign.ask(), campaign.itemKeys(), rsvp, leave, going);
			})));
	}

	@Override
	public Optional<Letter> testLetter(long campaignId, String language) {
		return campaigns.find(campaignId).flatMap(campaign -> organizations.byId(campaign.organizationId())
			.map(organization -> {
				String written = campaign.messages().containsKey(language) ? language
						: campaign.messages().containsKey(organization.firstLanguage()) ? organization.firstLanguage()
								: campaign.messages().keySet().iterator().next();
				// No follower, so no token: both links lead to a page saying they belong to a test send.
				String test = deliveries.baseUrl() + "/r/" + TestSends.LINK;
				return new Letter(organization.name(), language, campaign.messages().get(written), campaign.ask(),
						campaign.itemKeys(), test, test, false);
			}));
	}

}
