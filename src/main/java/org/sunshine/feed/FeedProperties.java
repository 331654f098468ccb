package org.sunshine.feed;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the feed module.
 *
 * @param feedsFile the feed catalogue
 * @param feed how feeds are fetched and scheduled
 * @param demo adds the built-in sample city, whose made-up meetings show a newcomer alerts and corrections offline
 */
@ConfigurationProperties("sunshine")
record FeedProperties(@DefaultValue("config/feeds.yml") Path feedsFile, @DefaultValue Polling feed,
		@DefaultValue("false") boolean demo) {

	/**
	 * @param connectTimeout time allowed to open a connection to a source
	 * @param timeout time allowed for a whole response, headers and body; a stalling server fails after it
	 * @param maxBodySize a larger response is refused, never read whole
	 * @param userAgent how Sunshine introduces itself to government servers
	 * @param scheduling false leaves feeds unscheduled (tests poll on demand)
	 * @param reloadInterval how often the catalogue file is checked for edits
	 * @param recurrenceHorizon how far ahead recurring iCalendar events are expanded into meetings
	 * @param maxOccurrences most meetings one recurring iCalendar event may give; the rest is left out with a warning
	 * @param maxMeetings most meetings one poll of a feed keeps (the earliest), the rest left out with a warning
	 * @param alertAfter a feed failing this long is unhealthy, and admins and its subscribers are told
	 * @param silentAfter a feed bringing nothing new this long is told about the same way
	 * @param alertSweep how often feeds are checked for incidents
	 * @param sampleCycle the sample city announces a meeting at the start of each cycle and moves it at the half
	 * @param sampleEvery how often the sample city is polled
	 * @param maxAhead meetings dated further ahead are left out with a warning (a typo'd year, a 9999 placeholder)
	 * @param pollBudget time one poll may take; what is left is carried to the next poll, with a warning
	 * @param maxItems most agenda items kept per meeting (the first ones), the rest left out with a warning
	 * @param maxDetailReads most meetings whose details (Legistar items and texts) one poll fetches; the rest wait
	 * @param rereadAfter a meeting unchanged by its stamps is read in full again after this long all the same
	 * @param rereadWithin meetings starting within this are read in full on every poll, whatever their stamps
	 */
	record Polling(@DefaultValue("10s") Duration connectTimeout, @DefaultValue("60s") Duration timeout,
			@DefaultValue("20MB") DataSize maxBodySize,
			@DefaultValue("Sunshine/0.1 (public-meeting alerts)") String userAgent,
			@DefaultValue("true") boolean scheduling, @DefaultValue("10s") Duration reloadInterval,
			@DefaultValue("180d") Duration recurrenceHorizon, @DefaultValue("1000") int maxOccurrences,
			@DefaultValue("5000") int maxMeetings, @DefaultValue("24h") Duration alertAfter,
			@DefaultValue("14d") Duration silentAfter, @DefaultValue("5m") Duration alertSweep,
			@DefaultValue("2m") Duration sampleCycle, @DefaultValue("10s") Duration sampleEvery,
			@DefaultValue("1100d") Duration maxAhead, @DefaultValue("5m") Duration pollBudget,
			@DefaultValue("2000") int maxItems, @DefaultValue("200") int maxDetailReads,
			@DefaultValue("24h") Duration rereadAfter, @DefaultValue("7d") Duration rereadWithin) {
	}

}
