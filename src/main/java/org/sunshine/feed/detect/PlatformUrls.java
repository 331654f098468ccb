package org.sunshine.feed.detect;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sunshine.feed.catalogue.FeedType;

/**
 * The agenda platforms that can be told from an address alone, and the feed url each reader expects
 * (see the readers in {@code feed/read}): no fetch needed to know them.
 */
final class PlatformUrls {

	/** The feed types tried on the address, in the order they are tried; named when nothing matches. */
	static final String TRIED = "legistar, civicplus, granicus, primegov, civicclerk";

	private static final Pattern LEGISTAR_API = Pattern.compile("(?i)^/v1/([^/?#]+)");

	private static final Pattern VIEW_ID = Pattern.compile("(?i)(?:^|&)view_id=(\\d+)");

	private PlatformUrls() {
	}

	/** What the address alone says: the platform, the url for config/feeds.yml and the name of its client. */
	record Recognised(FeedType type, URI feedUrl, String client) {
	}

	static Optional<Recognised> recognise(URI page) {
		String host = page.getHost().toLowerCase(Locale.ROOT);
		String path = page.getRawPath() == null ? "" : page.getRawPath();
		if (host.equals("webapi.legistar.com")) {
			Matcher client = LEGISTAR_API.matcher(path);
			// A client that needs a token has it in the query; it is kept, as LegistarReader expects.
			return client.find() ? Optional.of(legistar(client.group(1).toLowerCase(Locale.ROOT), page.getRawQuery()))
					: Optional.empty();
		}
		if (host.endsWith(".legistar.com")) {
			// The Web API client is named after the calendar's subdomain for most cities.
			return Optional.of(legistar(firstLabel(host), null));
		}
		int agendaCenter = path.toLowerCase(Locale.ROOT).indexOf("/agendacenter");
		if (agendaCenter >= 0) {
			// CivicPlusReader wants the site root: the address before /AgendaCenter.
			return Optional.of(new Recognised(FeedType.CIVICPLUS, URI.create(origin(page) + path.substring(0, agendaCenter)),
					siteName(host)));
		}
		Matcher view = VIEW_ID.matcher(page.getRawQuery() == null ? "" : page.getRawQuery());
		// Cities may put ViewPublisher behind a domain of their own, so the path decides, not the host.
		if (path.toLowerCase(Locale.ROOT).endsWith("/viewpublisher.php") && view.find()) {
			return Optional.of(new Recognised(FeedType.GRANICUS,
					URI.create(origin(page) + path + "?view_id=" + view.group(1)), firstLabel(host)));
		}
		if (host.endsWith(".primegov.com")) {
			return Optional.of(new Recognised(FeedType.PRIMEGOV, URI.create("https://" + host), firstLabel(host)));
		}
		if (host.endsWith(".civicclerk.com")) {
			// Portal (tenant.portal.civicclerk.com) or API (tenant.api.civicclerk.com): the reader wants the API root.
			String tenant = firstLabel(host);
			return Optional.of(new Recognised(FeedType.CIVICCLERK, URI.create("https://" + tenant + ".api.civicclerk.com"),
					tenant));
		}
		return Optional.empty();
	}

	private static Recognised legistar(String client, String query) {
		return new Recognised(FeedType.LEGISTAR,
				URI.create("https://webapi.legistar.com/v1/" + client + (query == null ? "" : "?" + query)), client);
	}

	private static String origin(URI page) {
		return page.getScheme().toLowerCase(Locale.ROOT) + "://" + page.getRawAuthority();
	}

	private static String firstLabel(String host) {
		return host.substring(0, host.indexOf('.') < 0 ? host.length() : host.indexOf('.'));
	}

	/** "www.las-cruces.org" → "las-cruces": the part of a city's own domain that names it. */
	static String siteName(String host) {
		String name = host.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
		if (name.matches("[0-9.]+|\\[.*\\]")) {
			return name;
		}
		int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}

}
