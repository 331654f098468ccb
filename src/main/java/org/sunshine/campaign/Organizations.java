package org.sunshine.campaign;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sunshine.system.InvalidFieldException;
import org.sunshine.system.NotFoundException;

/**
 * Organizations, created by the admin. Each has one organizer token at a time, shown once when it is made and
 * stored only as a hash; making a new one revokes the old.
 */
@Service
public class Organizations {

	private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

	private static final List<String> LANGUAGES = List.of("en", "es", "ht");

	private final JdbcClient jdbc;

	private final Clock clock;

	Organizations(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** What the admin asks for: {@code languages} defaults to English. */
	public record NewOrganization(String slug, String name, List<String> languages) {
	}

	/** An organization with its organizer token, which is shown this once. */
	public record Created(String slug, String name, String organizerToken) {

		@Override
		public String toString() {
			return "Created[slug=" + slug + "]";
		}

	}

	@Transactional
	public Created create(NewOrganization request) {
		String slug = request.slug() == null ? "" : request.slug().strip();
		if (!SLUG.matcher(slug).matches()) {
			throw new InvalidFieldException("slug", "use 2 to 63 lower-case letters, digits and dashes, e.g. kwisn");
		}
		String name = request.name() == null ? "" : request.name().strip();
		if (name.isEmpty() || name.length() > 200) {
			throw new InvalidFieldException("name", "give the organization's name (at most 200 characters)");
		}
		List<String> languages = languages(request.languages());
		String token = Tokens.mint();
		try {
			jdbc.sql("insert into organization (slug, name, languages, token_hash, created_at) values (?, ?, ?, ?, ?)")
				.params(slug, name, String.join(",", languages), Tokens.hash(token), clock.instant().atOffset(ZoneOffset.UTC))
				.update();
		}
		catch (DuplicateKeyException e) {
			throw new InvalidFieldException("slug", "an organization '" + slug + "' exists already");
		}
		return new Created(slug, name, token);
	}

	private static List<String> languages(List<String> values) {
		if (values == null || values.isEmpty()) {
			return List.of("en");
		}
		LinkedHashSet<String> languages = new LinkedHashSet<>();
		for (int i = 0; i < values.size(); i++) {
			String language = values.get(i) == null ? "" : values.get(i).strip().toLowerCase(Locale.ROOT);
			if (!LANGUAGES.contains(language)) {
				throw new InvalidFieldException("languages[" + i + "]", "unknown language '" + values.get(i) + "' (use en, es or ht)");
			}
			languages.add(language);
		}
		return List.copyOf(languages);
	}

	/** Replaces the organizer token: the old one stops working at once. */
	@Transactional
	public Created replaceToken(String slug) {
		Organization organization = bySlug(slug).orElseThrow(() -> new NotFoundException("no organization '" + slug + "'"));
		String token = Tokens.mint();
		jdbc.sql("update organization set token_hash = ? where id = ?").params(Tokens.hash(token), organization.id()).update();
		return new Created(organization.slug(), organization.name(), token);
	}

	public Optional<Organization> bySlug(String slug) {
		return jdbc.sql("select id, slug, name, languages from organization where slug = ?").param(slug)
			.query(Organizations::organization).optional();
	}

	/** The organization whose organizer holds this token. */
	public Optional<Organization> byOrganizerToken(String token) {
		String hash = Tokens.hash(token);
		return hash == null ? Optional.empty()
				: jdbc.sql("select id, slug, name, languages from organization where token_hash = ?").param(hash)
					.query(Organizations::organization).optional();
	}

	Optional<Organization> byId(long id) {
		return jdbc.sql("select id, slug, name, languages from organization where id = ?").param(id)
			.query(Organizations::organization).optional();
	}

	private static Organization organization(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Organization(rs.getLong(1), rs.getString(2), rs.getString(3),
				Arrays.asList(rs.getString(4).split(",")));
	}

}
