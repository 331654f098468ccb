package org.sunshine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.sunshine.language.InterestLanguage;
import org.sunshine.language.InterestSyntaxException;
import org.sunshine.system.InvalidFieldException;
import org.sunshine.system.TooManyRequestsException;

/** Every error a module can name reaches a resident in their language and words, never in the API's. */
class FormErrorsTests {

	static final List<InvalidFieldException> ERRORS = List.of(
			new InvalidFieldException("email", "give an email address or a phone number (or both)"),
			new InvalidFieldException("email", "not a valid email address"),
			new InvalidFieldException("phone", "not a phone number; write it in E.164 form, e.g. +13055551234"),
			new InvalidFieldException("phone", "the phone is the only contact point; unsubscribe instead"),
			new InvalidFieldException("interests", "follow at least one term, e.g. [\"287(g)\"]"),
			new InvalidFieldException("interests[2]", "a term needs at least one letter or digit"),
			syntaxError("police (fire"),
			new InvalidFieldException("quietHours.from", "a local time as HH:mm"),
			new InvalidFieldException("language", "unknown language 'fr' (use en, es or ht)"),
			new InvalidFieldException("delivery", "use immediate, daily or weekly"),
			new InvalidFieldException("timezone", "unknown IANA time zone 'Mars/Olympus'"),
			new InvalidFieldException("digestHour", "an hour from 0 to 23"),
			new InvalidFieldException("feeds[0]", "no feed 'x'"),
			new InvalidFieldException("reminders[0]", "an ISO-8601 duration such as PT24H or PT2H"),
			new InvalidFieldException("something-new", "a developer's words"));

	final FormErrors errors = new FormErrors(messages());

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void everyFieldErrorHasResidentWordsInEachLanguage(String language) {
		Locale locale = Locale.forLanguageTag(language);
		for (InvalidFieldException error : ERRORS) {
			String message = errors.fieldMessage(error, locale);
			assertThat(message).as(error.field()).isNotBlank().doesNotContain(error.getMessage()).doesNotContain("E.164")
				.doesNotContain("ISO-8601").doesNotContain("HH:mm").doesNotContain(error.field() + ":");
			if (!language.equals("en")) {
				assertThat(message).as(error.field()).isNotEqualTo(errors.fieldMessage(error, Locale.ENGLISH));
			}
		}
		assertThat(errors.fieldMessage(ERRORS.get(0), locale)).isNotEqualTo(errors.fieldMessage(ERRORS.get(1), locale));
		assertThat(FormErrors.field("quietHours.from")).isEqualTo("quietFrom");
		assertThat(FormErrors.field("interests[2]")).isEqualTo("interests");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void anInterestThatCannotBeReadIsToldWithItsPosition(String language) {
		String message = errors.fieldMessage(syntaxError("police (fire"), Locale.forLanguageTag(language));

		assertThat(message).contains(" 8").contains("OR").contains("AND").contains("NOT");
	}

	private static InterestSyntaxException syntaxError(String interest) {
		try {
			InterestLanguage.parse(interest);
			throw new AssertionError(interest + " reads");
		}
		catch (InterestSyntaxException e) {
			return e.about("interests", "interest 1");
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "en", "es", "ht" })
	void limitsAreWordedForPeopleNotAddresses(String language) {
		Locale locale = Locale.forLanguageTag(language);
		String network = errors.tooMany(new TooManyRequestsException("Too many sign-ups from this address", "client"), locale);
		String destination = errors.tooMany(new TooManyRequestsException("Too many confirmations", "destination"), locale);
		assertThat(network).isNotEqualTo(destination).doesNotContain("Too many");
		if (language.equals("en")) {
			assertThat(network).contains("network").doesNotContain("address");
		}
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("i18n/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

}
