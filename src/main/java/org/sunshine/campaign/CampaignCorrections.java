package org.sunshine.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.sunshine.meeting.ChangeKind;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingChanged;
import org.sunshine.meeting.MeetingRevision;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;
import org.sunshine.notification.CampaignDeliveries;
import org.sunshine.notification.FollowerMessage;

/**
 * Corrects campaigns without their organizer: when a meeting moves, is cancelled or is back on, everyone a
 * campaign's call reached gets a correction naming the organization (old → new), those who said they are going
 * first; reminders are planned again for the new time, or withdrawn when the meeting is cancelled. Runs after
 * the poll's commit from the durable event; idempotent (keys per campaign, revision and contact point).
 */
@Component
class CampaignCorrections {

	private static final Logger log = LoggerFactory.getLogger(CampaignCorrections.class);

	private final CampaignRepository repository;

	private final Campaigns campaigns;

	private final Meetings meetings;

	private final CampaignDeliveries deliveries;

	private final Clock clock;

	CampaignCorrections(CampaignRepository repository, Campaigns campaigns, Meetings meetings,
			CampaignDeliveries deliveries, Clock clock) {
		this.repository = repository;
		this.campaigns = campaigns;
		this.meetings = meetings;
		this.deliveries = deliveries;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(MeetingChanged event) {
		correct(event.revisionId());
	}

	/** Returns how many corrections were queued. */
	int correct(long revisionId) {
		MeetingRevision revision = meetings.revision(revisionId).orElse(null);
		if (revision == null || !(revision.has(ChangeKind.RESCHEDULED) || revision.has(ChangeKind.CANCELLED)
				|| revision.has(ChangeKind.REINSTATED))) {
			return 0;
		}
		Meeting meeting = revision.meeting();
		Instant now = clock.instant();
		boolean cancelled = meeting.status() == MeetingStatus.CANCELLED;
		boolean urgent = revision.critical() || meetings.isWithinCriticalWindow(meeting);
		int queued = 0;
		for (long id : repository.launchedFor(meeting.id())) {
			CampaignRepository.Campaign campaign = repository.lock(id).orElse(null);
			if (campaign == null || campaign.status().equals("cancelled")) {
				continue;
			}
			// Whatever has not left yet will be rendered from the meeting as it is now; but a reminder planned for
			// the old time, or any call to a cancelled meeting, must not go.
			deliveries.withdraw(id, cancelled ? Set.of(FollowerMessage.Kind.REMINDER, FollowerMessage.Kind.CAMPAIGN)
					: Set.of(FollowerMessage.Kind.REMINDER), cancelled ? "meeting cancelled" : "meeting moved");
			Set<Long> going = Set.copyOf(repository.going(id));
			List<FollowerMessage> corrections = new ArrayList<>();
			deliveries.reached(id).stream()
				// Those who said they are going hear first: their messages are queued, and so claimed, first.
				.sorted(Comparator.comparing((CampaignDeliveries.Reached reached) -> !going.contains(reached.followerId())))
				.forEach(reached -> corrections.add(new FollowerMessage(
						"campaign-correction:" + id + ":" + revisionId + ":" + reached.followerId() + ":" + reached.channel(),
						reached.followerId(), id, reached.channel(), reached.destination(), FollowerMessage.Kind.CORRECTION,
						meeting.id(), revisionId, null, null)));
			queued += deliveries.queue(corrections, meeting.zone(), urgent);
			if (!cancelled && meeting.start().isAfter(now)) {
				deliveries.queue(campaigns.reminders(campaign, meeting, now), meeting.zone(), urgent);
			}
		}
		if (queued > 0) {
			log.info("Meeting {} revision {}: {} campaign correction(s) queued", meeting.id(), revisionId, queued);
		}
		return queued;
	}

}
