package org.sunshine.campaign;

import java.util.List;

/** An advocacy group: its public slug and name, and the languages it writes in (the first is its default). */
public record Organization(long id, String slug, String name, List<String> languages) {

	public Organization {
		languages = List.copyOf(languages);
	}

	public String firstLanguage() {
		return languages.get(0);
	}

}
