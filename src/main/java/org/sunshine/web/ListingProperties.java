package org.sunshine.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much a public listing answers at once ({@code sunshine.web.listing.*}), so that no request, however it is
 * written, makes Sunshine read and send every stored meeting.
 *
 * @param defaultLimit meetings in one page of the API when the client names no {@code limit}: as many as the largest
 *        page, so that a client written before pages existed still gets every meeting of a city's usual listing
 * @param maxLimit the largest {@code limit} the API accepts
 * @param maxSpan the widest {@code from}..{@code to} range the API accepts: wide, since pages bound each answer;
 *        ten years of a city's past and future meetings is the most anyone asks for in one listing
 * @param pageSize meetings on one page of {@code /meetings}
 * @param calendarHorizon how far ahead {@code /meetings.ics} lists meetings
 * @param calendarMaxMeetings most meetings in {@code /meetings.ics} (the earliest)
 */
@ConfigurationProperties("sunshine.web.listing")
record ListingProperties(@DefaultValue("1000") int defaultLimit, @DefaultValue("1000") int maxLimit,
		@DefaultValue("3660d") Duration maxSpan, @DefaultValue("50") int pageSize,
		@DefaultValue("180d") Duration calendarHorizon, @DefaultValue("1000") int calendarMaxMeetings) {
}
