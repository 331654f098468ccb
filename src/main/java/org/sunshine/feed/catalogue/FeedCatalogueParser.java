package org.sunshine.feed.catalogue;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.quartz.CronExpression;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads and validates {@code config/feeds.yml}. Admins edit this file by hand, so every problem is
 * reported at once, each naming the feed and the field, and unknown keys (typos) are refused too.
 */
public final class FeedCatalogueParser {

	private static final Pattern ID = Pattern.compile("[a-z0-9-]+");

	private static final Set<String> KEYS = Set.of("id", "name", "type", "url", "timezone", "every", "cron", "bodies",
			"documents", "max-document-size", "allow-private");

	private FeedCatalogueParser() {
	}

	public static List<FeedDefinition> parse(String yaml, String source) {
		Object document;
		try {
			document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		}
		catch (MarkedYAMLException e) {
			// Where the parser gave up, 1-based as editors count, so the admin can go straight to the line.
			Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
			String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
			String problem = e.getProblem() != null ? e.getProblem() : firstLine(e.getMessage());
			throw new InvalidFeedCatalogueException(source, List.of("not valid YAML" + where + ": " + problem));
		}
		catch (RuntimeException e) {
			throw new InvalidFeedCatalogueException(source, List.of("not valid YAML: " + firstLine(e.getMessage())));
		}
		if (document == null) {
			return List.of();
		}
		if (!(document instanceof Map<?, ?> root) || !(root.get("feeds") instanceof List<?> entries)) {
			if (document instanceof Map<?, ?> root && root.get("feeds") == null) {
				return List.of();
			}
			throw new InvalidFeedCatalogueException(source, List.of("expected a top-level 'feeds:' list"));
		}
		List<String> problems = new ArrayList<>();
		List<FeedDefinition> feeds = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < entries.size(); i++) {
			if (!(entries.get(i) instanceof Map<?, ?> entry)) {
				problems.add("feed #" + (i + 1) + ": expected a mapping with id, name, type, url, timezone");
				continue;
			}
			FeedDefinition feed = new Entry(entry, i, problems).read();
			if (feed != null && !ids.add(feed.id())) {
				problems.add("feed '" + feed.id() + "': field 'id': duplicate id");
			}
			feeds.add(feed);
		}
		if (!problems.isEmpty()) {
			throw new InvalidFeedCatalogueException(source, problems);
		}
		return List.copyOf(feeds);
	}

	private static String firstLine(String message) {
		return message == null ? "" : message.lines().findFirst().orElse("");
	}

	/** One entry being read; collects its problems under the feed's name. */
	private static final class Entry {

		private final Map<?, ?> values;

		private final List<String> problems;

		private final String label;

		private boolean valid = true;

		Entry(Map<?, ?> values, int index, List<String> problems) {
			this.values = values;
			this.problems = problems;
			Object id = values.get("id");
			this.label = id == null ? "feed #" + (index + 1) : "feed '" + id + "'";
		}

		FeedDefinition read() {
			values.keySet().stream().filter(key -> !KEYS.contains(String.valueOf(key)))
				.forEach(key -> problem(String.valueOf(key), "unknown field (allowed: " + String.join(", ", KEYS) + ")"));
			String id = required("id");
			if (id != null && !ID.matcher(id).matches()) {
				problem("id", "must match [a-z0-9-]+, was '" + id + "'");
			}
			String name = required("name");
			FeedType type = type(required("type"));
			URI url = url(required("url"));
			ZoneId zone = zone(required("timezone"));
			String every = optional("every");
			String cron = optional("cron");
			Duration interval = schedule(every, cron);
			List<String> bodies = bodies();
			boolean documents = flag("documents", true);
			Long maxDocumentSize = maxDocumentSize(optional("max-document-size"));
			boolean allowPrivate = flag("allow-private", false);
			return valid ? new FeedDefinition(id, name, type, url, zone, interval, cron, bodies, documents,
					maxDocumentSize, allowPrivate) : null;
		}

		private FeedType type(String value) {
			if (value == null) {
				return null;
			}
			FeedType type = FeedType.fromKey(value.strip().toLowerCase()).orElse(null);
			if (type == null) {
				problem("type", "unknown type '" + value + "' (use legistar, rss, atom, ical, civicplus, granicus, primegov or civicclerk)");
			}
			else if (type == FeedType.SAMPLE) {
				problem("type", "the sample city is built in: set sunshine.demo=true instead");
			}
			else if (type == FeedType.HTML) {
				problem("type", "html agenda pages are not supported yet (use legistar, rss, atom, ical, civicplus, granicus, primegov or civicclerk)");
			}
			return type;
		}

		private URI url(String value) {
			if (value == null) {
				return null;
			}
			try {
				URI url = new URI(value.strip());
				if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
					problem("url", "must be an absolute http(s) URL, was '" + value + "'");
					return null;
				}
				return url;
			}
			catch (Exception e) {
				problem("url", "not a valid URL: '" + value + "'");
				return null;
			}
		}

		private ZoneId zone(String value) {
			if (value == null) {
				return null;
			}
			if (!ZoneId.getAvailableZoneIds().contains(value.strip())) {
				problem("timezone", "unknown IANA time zone '" + value + "' (e.g. America/New_York)");
				return null;
			}
			return ZoneId.of(value.strip());
		}

		private Duration schedule(String every, String cron) {
			if ((every == null) == (cron == null)) {
				problem(every == null ? "every" : "cron", "give exactly one of 'every' (e.g. 15m) or 'cron'");
				return null;
			}
			if (cron != null) {
				if (!CronExpression.isValidExpression(cron)) {
					problem("cron", "not a valid Quartz cron expression: '" + cron + "'");
				}
				return null;
			}
			try {
				Duration interval = DurationStyle.detectAndParse(every.strip());
				if (interval.isNegative() || interval.getSeconds() < 1) {
					problem("every", "must be at least 1s, was '" + every + "'");
				}
				return interval;
			}
			catch (IllegalArgumentException e) {
				problem("every", "not a duration: '" + every + "' (use 30s, 15m, 1h or PT15M)");
				return null;
			}
		}

		private boolean flag(String key, boolean absent) {
			Object value = values.get(key);
			if (value == null) {
				return absent;
			}
			if (value instanceof Boolean flag) {
				return flag;
			}
			problem(key, "must be true or false, was '" + value + "'");
			return absent;
		}

		private Long maxDocumentSize(String value) {
			if (value == null) {
				return null;
			}
			try {
				long bytes = DataSize.parse(value.strip()).toBytes();
				if (bytes < 1024) {
					problem("max-document-size", "must be at least 1KB, was '" + value + "'");
				}
				return bytes;
			}
			catch (IllegalArgumentException e) {
				problem("max-document-size", "not a size: '" + value + "' (use 500KB, 20MB)");
				return null;
			}
		}

		private List<String> bodies() {
			Object value = values.get("bodies");
			if (value == null) {
				return List.of();
			}
			if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
				return list.stream().map(String.class::cast).map(String::strip).toList();
			}
			problem("bodies", "must be a list of body names, e.g. [City Commission]");
			return List.of();
		}

		private String required(String key) {
			String value = optional(key);
			if (value == null) {
				problem(key, "missing");
			}
			return value;
		}

		private String optional(String key) {
			Object value = values.get(key);
			if (value == null || String.valueOf(value).isBlank()) {
				return null;
			}
			if (value instanceof Map || value instanceof List) {
				problem(key, "must be a single value");
				return null;
			}
			return String.valueOf(value);
		}

		private void problem(String field, String message) {
			valid = false;
			problems.add(label + ": field '" + field + "': " + message);
		}

	}

}
