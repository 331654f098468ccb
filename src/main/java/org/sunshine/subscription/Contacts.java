package org.sunshine.subscription;

/**
 * Contact points as a person gave them, checked and normalised (lower-case email domain, E.164 phone within
 * the allowed countries, a supported language); other modules that take contacts use the same rules.
 */
public record Contacts(String email, String phone, String language) {

	@Override
	public String toString() {
		return "Contacts[email=" + (email != null) + ", phone=" + (phone != null) + ", language=" + language + "]";
	}

}
