package org.sunshine.subscription;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.springframework.stereotype.Component;
import org.sunshine.language.InterestLanguage;
import org.sunshine.language.InterestSyntaxException;
import org.sunshine.system.InvalidFieldException;

/**
 * Checks a sign-up field by field and normalises it: E.164 phones, lower-case emails, de-duplicated terms, each
 * of which must read in the interest language.
 */
@Component
class SubscriptionValidator {

	static final Set<String> LANGUAGES = Set.of("en", "es", "ht");

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"<>()\\[\\],;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");

	private static final Pattern FEED_ID = Pattern.compile("[a-z0-9-]+");

	private static final Pattern HOUR = Pattern.compile("\\d{2}:\\d{2}");

	private final SubscriptionProperties properties;

	private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

	SubscriptionValidator(SubscriptionProperties properties) {
		this.properties = properties;
	}

	record Valid(String email, String phone, String language, List<String> terms, List<String> feeds,
			Delivery delivery, List<Duration> reminders, ZoneId zone, LocalTime quietFrom, LocalTime quietTo) {
	}

	/** The settings of a subscriber as the manage page changes them. */
	record Settings(String language, ZoneId zone, Delivery delivery, LocalTime quietFrom, LocalTime quietTo, int digestHour) {
	}

	record Changes(List<String> terms, List<String> feeds, Settings settings) {
	}

	/** Validates changes from the manage page; what is not given stays as it is. */
	Changes validate(Preferences changes, SubscriberView current) {
		List<String> terms = changes.interests() == null ? current.terms() : terms(changes.interests());
		List<String> feeds = changes.feeds() == null ? current.feeds() : feeds(changes.feeds());
		String language = changes.language() == null ? current.language() : language(changes.language());
		Delivery delivery = changes.delivery() == null ? current.delivery() : delivery(changes.delivery());
		ZoneId zone = changes.timezone() == null ? current.zone() : zone(changes.timezone());
		LocalTime quietFrom = current.quietFrom();
		LocalTime quietTo = current.quietTo();
		if (changes.quietFrom() != null || changes.quietTo() != null) {
			quietFrom = hour("quietHours.from", changes.quietFrom());
			quietTo = hour("quietHours.to", changes.quietTo());
			if ((quietFrom == null) != (quietTo == null)) {
				throw new InvalidFieldException(quietFrom == null ? "quietHours.from" : "quietHours.to",
						"quiet hours need both 'from' and 'to'");
			}
		}
		int digestHour = current.digestHour();
		if (changes.digestHour() != null) {
			if (changes.digestHour() < 0 || changes.digestHour() > 23) {
				throw new InvalidFieldException("digestHour", "an hour from 0 to 23");
			}
			digestHour = changes.digestHour();
		}
		return new Changes(terms, feeds, new Settings(language, zone, delivery, quietFrom, quietTo, digestHour));
	}

	Valid validate(NewSubscription request) {
		return validate(request, true);
	}

	/** As {@link #validate(NewSubscription)}; a sign-up that follows a body or a meeting may have no terms. */
	Valid validate(NewSubscription request, boolean termsRequired) {
		String email = email(request.email());
		String phone = phone(request.phone());
		if (email == null && phone == null) {
			throw new InvalidFieldException("email", "give an email address or a phone number (or both)");
		}
		LocalTime quietFrom = hour("quietHours.from", request.quietFrom());
		LocalTime quietTo = hour("quietHours.to", request.quietTo());
		if ((quietFrom == null) != (quietTo == null)) {
			throw new InvalidFieldException(quietFrom == null ? "quietHours.from" : "quietHours.to",
					"quiet hours need both 'from' and 'to'");
		}
		boolean noTerms = request.interests() == null || request.interests().isEmpty();
		return new Valid(email, phone, language(request.language()),
				!termsRequired && noTerms ? List.of() : terms(request.interests()),
				feeds(request.feeds()), delivery(request.delivery()), reminders(request.reminders()),
				zone(request.timezone()), quietFrom, quietTo);
	}

	/** Email, phone and language checked and normalised as for a sign-up; language may be null (then "en"). */
	Contacts contacts(String email, String phone, String language) {
		Contacts contacts = new Contacts(email(email), phone(phone), language(language));
		if (contacts.email() == null && contacts.phone() == null) {
			throw new InvalidFieldException("email", "give an email address or a phone number (or both)");
		}
		return contacts;
	}

	private String email(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String email = value.strip();
		if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
			throw new InvalidFieldException("email", "not a valid email address");
		}
		int at = email.lastIndexOf('@');
		return email.substring(0, at) + email.substring(at).toLowerCase(Locale.ROOT);
	}

	private String phone(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		PhoneNumber number;
		try {
			number = phones.parse(value.strip(), properties.defaultRegion());
		}
		catch (NumberParseException e) {
			throw new InvalidFieldException("phone", "not a phone number; write it in E.164 form, e.g. +13055551234");
		}
		if (!phones.isValidNumber(number)) {
			throw new InvalidFieldException("phone", "not a valid phone number");
		}
		if (!properties.smsCountries().contains(number.getCountryCode())) {
			throw new InvalidFieldException("phone", "SMS cannot be sent to +" + number.getCountryCode()
					+ " numbers here; allowed: " + properties.smsCountries().stream().map(code -> "+" + code).toList());
		}
		PhoneNumberType type = phones.getNumberType(number);
		if (PAID_BY_THE_SENDER.contains(type)) {
			// Premium-rate and shared-cost numbers are how SMS pumping fraud bills the sender.
			throw new InvalidFieldException("phone", "premium-rate and shared-cost numbers cannot get texts");
		}
		String region = phones.getRegionCodeForNumber(number);
		if (number.getCountryCode() == 1 && !properties.smsRegions().contains(region)) {
			// +1 is also most of the Caribbean, where a text costs as much as an international one.
			throw new InvalidFieldException("phone", "SMS cannot be sent to +1 numbers of " + region + " here; allowed: "
					+ properties.smsRegions());
		}
		return phones.format(number, PhoneNumberFormat.E164);
	}

	private static final Set<PhoneNumberType> PAID_BY_THE_SENDER = EnumSet.of(PhoneNumberType.PREMIUM_RATE,
			PhoneNumberType.SHARED_COST);

	private static String language(String value) {
		if (value == null || value.isBlank()) {
			return "en";
		}
		String language = value.strip().toLowerCase(Locale.ROOT);
		if (!LANGUAGES.contains(language)) {
			throw new InvalidFieldException("language", "unknown language '" + value + "' (use en, es or ht)");
		}
		return language;
	}

	private List<String> terms(List<String> values) {
		if (values == null || values.isEmpty()) {
			throw new InvalidFieldException("interests", "follow at least one term, e.g. [\"287(g)\", \"immigration\"]");
		}
		if (values.size() > properties.maxInterests()) {
			throw new InvalidFieldException("interests", "at most " + properties.maxInterests() + " terms");
		}
		Set<String> terms = new LinkedHashSet<>();
		for (int i = 0; i < values.size(); i++) {
			String term = values.get(i) == null ? "" : values.get(i).strip();
			if (term.isEmpty() || !term.codePoints().anyMatch(Character::isLetterOrDigit)) {
				throw new InvalidFieldException("interests[" + i + "]", "a term needs at least one letter or digit");
			}
			if (term.length() > properties.maxTermLength() || term.contains("\n")) {
				throw new InvalidFieldException("interests[" + i + "]",
						"a term is one line of at most " + properties.maxTermLength() + " characters");
			}
			String written = term.replaceAll("\\s+", " ");
			try {
				InterestLanguage.parse(written);
			}
			catch (InterestSyntaxException e) {
				throw e.about("interests", "interest " + (i + 1) + " ('" + written + "')");
			}
			terms.add(written);
		}
		return List.copyOf(terms);
	}

	private static List<String> feeds(List<String> values) {
		if (values == null) {
			return List.of();
		}
		List<String> feeds = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			String feed = values.get(i) == null ? "" : values.get(i).strip();
			if (!FEED_ID.matcher(feed).matches()) {
				throw new InvalidFieldException("feeds[" + i + "]", "not a feed id");
			}
			feeds.add(feed);
		}
		return List.copyOf(feeds);
	}

	private static Delivery delivery(String value) {
		if (value == null || value.isBlank()) {
			return Delivery.IMMEDIATE;
		}
		try {
			return Delivery.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidFieldException("delivery", "use immediate, daily or weekly");
		}
	}

	/** Reminders as the manage page sets them: an empty list means none. */
	List<Duration> remindersOrNone(List<String> values) {
		return values == null || values.isEmpty() ? List.of() : reminders(values);
	}

	/** A phone number added on the manage page, in E.164. */
	String newPhone(String value) {
		String phone = phone(value);
		if (phone == null) {
			throw new InvalidFieldException("phone", "give a phone number");
		}
		return phone;
	}

	private List<Duration> reminders(List<String> values) {
		if (values == null) {
			return properties.defaultReminders();
		}
		if (values.size() > 5) {
			throw new InvalidFieldException("reminders", "at most 5 reminders");
		}
		List<Duration> reminders = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			try {
				Duration reminder = Duration.parse(String.valueOf(values.get(i)).strip());
				if (reminder.isNegative() || reminder.isZero() || reminder.compareTo(Duration.ofDays(30)) > 0) {
					throw new InvalidFieldException("reminders[" + i + "]", "between PT1M and P30D before the meeting");
				}
				reminders.add(reminder);
			}
			catch (DateTimeParseException e) {
				throw new InvalidFieldException("reminders[" + i + "]", "an ISO-8601 duration such as PT24H or PT2H");
			}
		}
		return List.copyOf(reminders);
	}

	private static ZoneId zone(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!ZoneId.getAvailableZoneIds().contains(value.strip())) {
			throw new InvalidFieldException("timezone", "unknown IANA time zone '" + value + "'");
		}
		return ZoneId.of(value.strip());
	}

	private static LocalTime hour(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!HOUR.matcher(value.strip()).matches()) {
			throw new InvalidFieldException(field, "a local time as HH:mm, e.g. 21:00");
		}
		try {
			return LocalTime.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			throw new InvalidFieldException(field, "a local time as HH:mm, e.g. 21:00");
		}
	}

}
