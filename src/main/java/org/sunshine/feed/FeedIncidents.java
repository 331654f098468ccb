package org.sunshine.feed;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.sunshine.feed.catalogue.FeedCatalogue;
import org.sunshine.feed.catalogue.FeedDefinition;

/**
 * Notices when a feed starts failing for too long or goes silent, and when that is over, and says so once
 * per incident: the incident is recorded with the event in one transaction, guarded by the incident it
 * replaces, so two nodes (or two sweeps) never announce the same one.
 */
@Component
class FeedIncidents {

	static final String FAILING = "failing";

	static final String SILENT = "silent";

	private static final Logger log = LoggerFactory.getLogger(FeedIncidents.class);

	private final FeedCatalogue catalogue;

	private final FeedStatusRepository statuses;

	private final FeedProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	FeedIncidents(FeedCatalogue catalogue, FeedStatusRepository statuses, FeedProperties properties,
			ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
		this.catalogue = catalogue;
		this.statuses = statuses;
		this.properties = properties;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** Looks at every feed once; returns how many incidents started or ended. */
	int check() {
		Instant now = clock.instant();
		int changed = 0;
		for (FeedDefinition feed : catalogue.feeds()) {
			FeedStatusRepository.Status status = statuses.find(feed.id());
			String current = incident(status, now);
			if (!Objects.equals(current, status.incident())) {
				changed += Boolean.TRUE.equals(transaction.execute(tx -> announce(feed, status, current, now))) ? 1 : 0;
			}
		}
		return changed;
	}

	private String incident(FeedStatusRepository.Status status, Instant now) {
		if (status.failingSince() != null) {
			return status.failingSince().plus(properties.feed().alertAfter()).isAfter(now) ? null : FAILING;
		}
		if (status.lastNewAt() != null && !status.lastNewAt().plus(properties.feed().silentAfter()).isAfter(now)) {
			return SILENT;
		}
		return null;
	}

	private boolean announce(FeedDefinition feed, FeedStatusRepository.Status status, String current, Instant now) {
		if (!statuses.markIncident(feed.id(), status.incident(), current, now)) {
			return false; // Another node (or sweep) got there first.
		}
		if (status.incident() != null) {
			log.info("Feed {}: no longer {}", feed.id(), status.incident());
			events.publishEvent(new FeedIncidentOver(feed.id(), feed.name(), status.incident(), status.incidentSince(), now));
		}
		if (current != null) {
			Instant since = FAILING.equals(current) ? status.failingSince() : status.lastNewAt();
			log.warn("Feed {}: {} since {}", feed.id(), current, since);
			events.publishEvent(new FeedIncidentStarted(feed.id(), feed.name(), feed.timezone(), current, since, now,
					FAILING.equals(current) ? status.lastError() : null));
		}
		return true;
	}

}
