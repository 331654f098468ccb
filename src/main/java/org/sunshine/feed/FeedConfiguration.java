package org.sunshine.feed;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.sunshine.feed.catalogue.FeedCatalogue;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.fetch.AddressPolicy;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.feed.fetch.HttpFetcher;
import org.sunshine.feed.read.CivicClerkReader;
import org.sunshine.feed.read.CivicPlusReader;
import org.sunshine.feed.read.FeedReader;
import org.sunshine.feed.read.GranicusReader;
import org.sunshine.feed.read.ICalendarReader;
import org.sunshine.feed.read.LegistarReader;
import org.sunshine.feed.read.PrimeGovReader;
import org.sunshine.feed.read.SampleCityReader;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.read.SyndicationReader;

/** Wires the catalogue, the fetcher and the readers, and keeps the Quartz jobs in step with the catalogue. */
@Configuration(proxyBeanMethods = false)
class FeedConfiguration {

	private static final Logger log = LoggerFactory.getLogger(FeedConfiguration.class);

	@Bean
	FeedCatalogue feedCatalogue(FeedProperties properties) {
		if (!properties.demo()) {
			return new FeedCatalogue(properties.feedsFile());
		}
		log.info("Demo on (sunshine.demo): the sample city announces a made-up meeting every {} and moves it half-way; "
				+ "sign up at / and watch data/outbox/. Set sunshine.demo=false to switch it off.", properties.feed().sampleCycle());
		return new FeedCatalogue(properties.feedsFile(), List.of(new FeedDefinition(SampleCityReader.FEED_ID,
				SampleCityReader.JURISDICTION, FeedType.SAMPLE, URI.create("https://sample-city.invalid/"),
				ZoneId.of("America/New_York"), properties.feed().sampleEvery(), null, List.of())));
	}

	@Bean
	FeedReader sampleCityReader(FeedProperties properties) {
		return new SampleCityReader(properties.feed().sampleCycle());
	}

	/** DNS and the address rules for every fetch, feeds and documents alike (tests stand in for DNS here). */
	@Bean
	AddressPolicy addressPolicy() {
		return AddressPolicy.SYSTEM;
	}

	@Bean
	Fetcher fetcher(FeedProperties properties, AddressPolicy addresses) {
		FeedProperties.Polling polling = properties.feed();
		return new HttpFetcher(polling.connectTimeout(), polling.timeout(), polling.maxBodySize().toBytes(),
				polling.userAgent(), addresses);
	}

	@Bean
	FeedReader legistarReader() {
		return new LegistarReader();
	}

	@Bean
	FeedReader primeGovReader() {
		return new PrimeGovReader();
	}

	@Bean
	FeedReader civicPlusReader() {
		return new CivicPlusReader();
	}

	@Bean
	FeedReader granicusReader() {
		return new GranicusReader();
	}

	@Bean
	FeedReader civicClerkReader() {
		return new CivicClerkReader();
	}

	@Bean
	FeedReader rssReader() {
		return new SyndicationReader(FeedType.RSS);
	}

	@Bean
	FeedReader atomReader() {
		return new SyndicationReader(FeedType.ATOM);
	}

	@Bean
	FeedReader icalendarReader(FeedProperties properties) {
		FeedProperties.Polling polling = properties.feed();
		return new ICalendarReader(polling.recurrenceHorizon(), polling.maxOccurrences(), polling.maxMeetings());
	}

	@Bean
	CatalogueWatcher catalogueWatcher(FeedCatalogue catalogue, FeedScheduler scheduler, FeedProperties properties) {
		return new CatalogueWatcher(catalogue, scheduler, properties.feed().scheduling());
	}

	/** Schedules the feeds once the application is up, and again whenever an edit of the catalogue is accepted. */
	static class CatalogueWatcher {

		private final FeedCatalogue catalogue;

		private final FeedScheduler scheduler;

		private final boolean scheduling;

		CatalogueWatcher(FeedCatalogue catalogue, FeedScheduler scheduler, boolean scheduling) {
			this.catalogue = catalogue;
			this.scheduler = scheduler;
			this.scheduling = scheduling;
		}

		@EventListener(ApplicationReadyEvent.class)
		void scheduleFeeds() {
			if (scheduling) {
				scheduler.sync(catalogue.feeds());
			}
			else {
				log.info("Feed scheduling is off (sunshine.feed.scheduling=false): feeds poll only on demand");
			}
		}

		@Scheduled(fixedDelayString = "${sunshine.feed.reload-interval:10s}",
				initialDelayString = "${sunshine.feed.reload-interval:10s}")
		void reloadIfChanged() {
			if (catalogue.reloadIfChanged() && scheduling) {
				scheduler.sync(catalogue.feeds());
			}
		}

	}

}
